using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Baselines;

/// <summary>Access to the baselines' noise parameters and KL term in any model built with their layers.</summary>
public static class BaselineModel
{
    public static IReadOnlyList<IPniLayer> PniLayers(this nn.Module model) => [.. model.modules().OfType<IPniLayer>()];

    public static IReadOnlyList<IBayesianLayer> BayesianLayers(this nn.Module model) => [.. model.modules().OfType<IBayesianLayer>()];

    /// <summary>Every PNI noise scale α, layer by layer.</summary>
    public static IReadOnlyList<Parameter> AlphaParameters(this nn.Module model) => [.. model.PniLayers().SelectMany(l => l.Alphas)];

    /// <summary>
    /// The parameters trained without weight decay: PNI's α (as the PNI paper prescribes) and the Bayesian posteriors'
    /// μ and log σ (our choice: the KL term to the prior is their regulariser, so decay would count it twice).
    /// </summary>
    public static IReadOnlyList<Parameter> NoDecayParameters(this nn.Module model) =>
        [.. model.AlphaParameters(), .. model.BayesianLayers().SelectMany(l => l.Posterior)];

    /// <summary>Σ over Bayesian layers of KL(q ‖ prior), a scalar with gradients; 0 for a model without them.</summary>
    public static Tensor KlDivergence(this nn.Module model)
    {
        Tensor? total = null;
        foreach (var layer in model.BayesianLayers())
        {
            var kl = layer.KlDivergence();
            total = total is null ? kl : total + kl;
        }
        return total ?? tensor(0f);
    }
}
