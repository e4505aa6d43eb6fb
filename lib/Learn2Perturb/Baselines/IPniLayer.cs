using Learn2Perturb.Perturbation;
using TorchSharp.Modules;

namespace Learn2Perturb.Baselines;

/// <summary>A layer with PNI noise (<see cref="PniConv2d"/>, <see cref="PniLinear"/>).</summary>
public interface IPniLayer : IStochasticModule
{
    /// <summary>The learned noise scales α (weight α first, then activation α, where present); never weight-decayed.</summary>
    IReadOnlyList<Parameter> Alphas { get; }
}
