using Learn2Perturb.Perturbation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Baselines;

/// <summary>A layer with a Gaussian weight posterior (<see cref="BayesianConv2d"/>, <see cref="BayesianLinear"/>).</summary>
public interface IBayesianLayer : IStochasticModule
{
    /// <summary>The posterior parameters (μ and log σ of every weight, and of the bias where there is one).</summary>
    IReadOnlyList<Parameter> Posterior { get; }

    /// <summary>σ0 of the prior N(0, σ0²).</summary>
    double PriorSigma { get; }

    /// <summary>KL(q ‖ N(0, σ0²)) summed over the layer's weights, a scalar carrying gradients to μ and log σ.</summary>
    Tensor KlDivergence();
}
