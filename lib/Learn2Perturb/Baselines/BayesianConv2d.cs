using Learn2Perturb.Perturbation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Baselines;

/// <summary>
/// A bias-free convolution with a Gaussian posterior per weight (Adv-BNN, docs/method.md §4, <see cref="BayesianOptions"/>):
/// w = μ + exp(log σ) · ε, one draw per forward pass shared by the batch (as in the Adv-BNN code). With noise
/// <see cref="NoiseMode.Off"/> it uses the posterior mean μ. μ starts He-normal (fan-out), as the ResNet's plain convs.
/// </summary>
public sealed class BayesianConv2d : nn.Module<Tensor, Tensor>, IBayesianLayer
{
    // Field names = state-dict keys: mu, log_sigma.
    private readonly Parameter mu;
    private readonly Parameter log_sigma;
    private readonly long stride, padding;

    public BayesianConv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, BayesianOptions options)
        : base(nameof(BayesianConv2d))
    {
        options.Validate();
        this.stride = stride;
        this.padding = padding;
        PriorSigma = options.PriorSigma;
        mu = nn.Parameter(empty(outChannels, inChannels, kernelSize, kernelSize));
        using (no_grad()) nn.init.kaiming_normal_(mu, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
        log_sigma = GaussianWeight.LogSigma(mu.shape, options.InitialSigma);
        RegisterComponents();
    }

    public NoiseMode Mode { get; set; } = NoiseMode.On;

    public double PriorSigma { get; }

    public IReadOnlyList<Parameter> Posterior => [mu, log_sigma];

    /// <param name="x">Activations, shape [N, in, H, W].</param>
    public override Tensor forward(Tensor x) =>
        nn.functional.conv2d(x, GaussianWeight.Sample(mu, log_sigma, Mode == NoiseMode.On), null,
            strides: [stride, stride], padding: [padding, padding]);

    public Tensor KlDivergence() => GaussianWeight.Kl(mu, log_sigma, PriorSigma);
}
