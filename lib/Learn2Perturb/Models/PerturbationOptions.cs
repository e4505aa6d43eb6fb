using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Models;

/// <summary>Settings of the perturbation-injection modules a model is built with (PAPER.md §1, §2).</summary>
public sealed record PerturbationOptions(
    double Theta0 = PerturbationInjection.DefaultTheta0,
    double ThetaMin = PerturbationInjection.DefaultThetaMin,
    NoiseSampling Sampling = NoiseSampling.PerSample)
{
    public void Validate()
    {
        if (!(Theta0 >= 0)) throw new ArgumentOutOfRangeException(nameof(Theta0), Theta0, "θ0 must be ≥ 0");
        if (!(ThetaMin >= 0)) throw new ArgumentOutOfRangeException(nameof(ThetaMin), ThetaMin, "θmin must be ≥ 0");
    }
}

internal static class PerturbationOptionsExtensions
{
    /// <summary>A perturbation-injection module for a feature map of this shape, or the identity for models without noise.</summary>
    public static nn.Module<Tensor, Tensor> CreateModule(this PerturbationOptions? options, string name, FeatureShape shape) =>
        options is null
            ? nn.Identity()
            : new PerturbationInjection(name, shape.Channels, shape.Height, shape.Width, options.Theta0, options.ThetaMin)
            { Sampling = options.Sampling };
}
