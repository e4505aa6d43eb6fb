using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Baselines;

/// <summary>The reparameterised Gaussian weight and its KL shared by the Bayesian layers.</summary>
internal static class GaussianWeight
{
    /// <summary>w = μ + exp(log σ) · ε with a fresh ε (reparameterisation: gradients reach μ and log σ); μ when off.</summary>
    public static Tensor Sample(Parameter mu, Parameter logSigma, bool noise) =>
        noise ? mu + logSigma.exp() * randn_like(mu) : mu;

    /// <summary>
    /// Closed form, summed over elements: KL(N(μ, σ²) ‖ N(0, σ0²)) = log σ0 − log σ + (σ² + μ²) / (2σ0²) − 1/2.
    /// Zero exactly when μ = 0 and σ = σ0, positive otherwise.
    /// </summary>
    public static Tensor Kl(Parameter mu, Parameter logSigma, double priorSigma)
    {
        double priorVariance = priorSigma * priorSigma;
        var ratio = ((2 * logSigma).exp() + mu.square()) / (2 * priorVariance);
        return (ratio - logSigma + (Math.Log(priorSigma) - 0.5)).sum();
    }

    public static Parameter LogSigma(long[] shape, double initialSigma) =>
        nn.Parameter(full(shape, Math.Log(initialSigma), dtype: float32));
}
