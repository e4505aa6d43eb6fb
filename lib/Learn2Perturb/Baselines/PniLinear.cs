using Learn2Perturb.Perturbation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Baselines;

/// <summary>
/// A linear layer with Parametric Noise Injection on its weight and/or input (see <see cref="PniConv2d"/>; the bias
/// is not perturbed). Channel-wise α is one scale per output feature.
/// </summary>
public sealed class PniLinear : nn.Module<Tensor, Tensor>, IPniLayer
{
    // Field names = state-dict keys: linear.weight, linear.bias, alpha_w, alpha_a.
    private readonly Linear linear;
    private readonly Parameter? alpha_w;
    private readonly Parameter? alpha_a;

    public PniLinear(long inFeatures, long outFeatures, PniOptions options) : base(nameof(PniLinear))
    {
        options.Validate();
        linear = nn.Linear(inFeatures, outFeatures);
        alpha_w = PniNoise.WeightAlpha(options.Weights, linear.weight.shape, options.Alpha0);
        alpha_a = PniNoise.ActivationAlpha(options.Activations, options.Alpha0);
        RegisterComponents();
    }

    public NoiseMode Mode { get; set; } = NoiseMode.On;

    public IReadOnlyList<Parameter> Alphas => PniNoise.Present(alpha_w, alpha_a);

    /// <summary>The noise-free weight W, shape [out, in].</summary>
    public Parameter Weight => linear.weight;

    /// <param name="x">Features, shape [N, in].</param>
    public override Tensor forward(Tensor x)
    {
        if (Mode == NoiseMode.Off) return linear.forward(x);
        var input = alpha_a is null ? x : PniNoise.Add(x, alpha_a);
        var weight = alpha_w is null ? (Tensor)linear.weight : PniNoise.Add(linear.weight, alpha_w);
        return nn.functional.linear(input, weight, linear.bias);
    }
}
