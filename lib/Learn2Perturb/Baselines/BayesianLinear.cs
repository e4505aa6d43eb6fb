using Learn2Perturb.Perturbation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Baselines;

/// <summary>
/// A linear layer whose weight and bias both have a Gaussian posterior (Adv-BNN; see <see cref="BayesianConv2d"/>).
/// μ of the weight starts He-normal and μ of the bias at 0, as the ResNet's plain linear head.
/// </summary>
public sealed class BayesianLinear : nn.Module<Tensor, Tensor>, IBayesianLayer
{
    // Field names = state-dict keys.
    private readonly Parameter mu_weight, log_sigma_weight, mu_bias, log_sigma_bias;

    public BayesianLinear(long inFeatures, long outFeatures, BayesianOptions options) : base(nameof(BayesianLinear))
    {
        options.Validate();
        PriorSigma = options.PriorSigma;
        mu_weight = nn.Parameter(empty(outFeatures, inFeatures));
        using (no_grad()) nn.init.kaiming_normal_(mu_weight);
        mu_bias = nn.Parameter(zeros(outFeatures));
        log_sigma_weight = GaussianWeight.LogSigma(mu_weight.shape, options.InitialSigma);
        log_sigma_bias = GaussianWeight.LogSigma(mu_bias.shape, options.InitialSigma);
        RegisterComponents();
    }

    public NoiseMode Mode { get; set; } = NoiseMode.On;

    public double PriorSigma { get; }

    public IReadOnlyList<Parameter> Posterior => [mu_weight, log_sigma_weight, mu_bias, log_sigma_bias];

    /// <param name="x">Features, shape [N, in].</param>
    public override Tensor forward(Tensor x)
    {
        bool noise = Mode == NoiseMode.On;
        return nn.functional.linear(x, GaussianWeight.Sample(mu_weight, log_sigma_weight, noise),
            GaussianWeight.Sample(mu_bias, log_sigma_bias, noise));
    }

    public Tensor KlDivergence() =>
        GaussianWeight.Kl(mu_weight, log_sigma_weight, PriorSigma) + GaussianWeight.Kl(mu_bias, log_sigma_bias, PriorSigma);
}
