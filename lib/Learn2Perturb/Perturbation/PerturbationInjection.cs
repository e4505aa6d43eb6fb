using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Perturbation;

/// <summary>
/// Learn2Perturb perturbation injection (docs/method.md §1): <c>x + θ ⊙ ε</c>, ε ~ N(0, I) drawn afresh on every forward
/// pass. θ is the learned noise standard deviation, element-wise of shape C×H×W (the feature map's shape),
/// initialised to θ0 and projected onto θ ≥ θmin after every update by <see cref="ProjectTheta"/>.
/// Noise follows <see cref="Mode"/>, never <c>training</c>: the defence perturbs at inference too.
/// </summary>
public sealed class PerturbationInjection : nn.Module<Tensor, Tensor>, IStochasticModule
{
    /// <summary>θ0 of the paper.</summary>
    public const double DefaultTheta0 = 0.25;
    /// <summary>θmin of the paper.</summary>
    public const double DefaultThetaMin = 0.01;

    // Field name = state-dict key: checkpoints store this as "<module path>.theta".
    private readonly Parameter theta;

    public PerturbationInjection(string name, long channels, long height, long width,
        double theta0 = DefaultTheta0, double thetaMin = DefaultThetaMin) : base(name)
    {
        if (theta0 < 0) throw new ArgumentOutOfRangeException(nameof(theta0), theta0, "θ0 must be ≥ 0");
        if (thetaMin < 0) throw new ArgumentOutOfRangeException(nameof(thetaMin), thetaMin, "θmin must be ≥ 0");
        ThetaMin = thetaMin;
        theta = nn.Parameter(full(channels, height, width, theta0, dtype: float32));
        RegisterComponents();
    }

    /// <summary>θ, shape [C,H,W]: the noise standard deviation per feature-map element.</summary>
    public Parameter Theta => theta;

    /// <summary>The projection bound θmin.</summary>
    public double ThetaMin { get; }

    public NoiseMode Mode { get; set; } = NoiseMode.On;

    public NoiseSampling Sampling { get; set; } = NoiseSampling.PerSample;

    public NoiseGenerator Generator { get; set; } = NoiseGenerator.Philox;

    /// <param name="x">Features, shape [N,C,H,W] with C×H×W equal to θ's shape.</param>
    public override Tensor forward(Tensor x)
    {
        if (Mode == NoiseMode.Off) return x;
        if (Sampling == NoiseSampling.PerSample && Generator == NoiseGenerator.Philox && !NeedsGraph(x) && PhiloxGaussian.CanAddNoise(x, theta))
            return PhiloxGaussian.AddNoise(x, theta.detach()); // inference: one pass, ε never stored
        var epsilon = StandardNormal(Sampling == NoiseSampling.PerSample ? x.shape : theta.shape, x);
        return addcmul(x, theta, epsilon, value: 1); // x + θ ⊙ ε, θ broadcast over the batch
    }

    private bool NeedsGraph(Tensor x) => is_grad_enabled() && (x.requires_grad || theta.requires_grad);

    /// <summary>ε ~ N(0, I) of <paramref name="shape"/> with x's dtype and device, from <see cref="Generator"/>.</summary>
    private Tensor StandardNormal(long[] shape, Tensor x)
    {
        if (Generator == NoiseGenerator.Philox && x.device_type == DeviceType.CPU && x.dtype == ScalarType.Float32)
            return PhiloxGaussian.Sample(shape);
        return Sampling == NoiseSampling.PerSample ? randn_like(x) : randn(shape, dtype: x.dtype, device: x.device);
    }

    /// <summary>Projects θ onto θ ≥ θmin (Algorithm 1, step 3).</summary>
    public void ProjectTheta()
    {
        using var _ = no_grad();
        theta.clamp_(min: ThetaMin);
    }
}
