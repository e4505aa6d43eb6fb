using Learn2Perturb.Perturbation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Baselines;

/// <summary>
/// A bias-free convolution with Parametric Noise Injection (docs/method.md §4, <see cref="PniOptions"/>): the weight
/// <c>W + α_w · std(W) · ε</c> and/or the input <c>x + α_a · std(x) · ε</c>, fresh ε on every forward pass. The
/// weight draw is one per forward pass, shared by the batch (as in the PNI code). Noise follows <see cref="Mode"/>,
/// never train()/eval(): it stays on at test time.
/// </summary>
public sealed class PniConv2d : nn.Module<Tensor, Tensor>, IPniLayer
{
    // Field names = state-dict keys: conv.weight, alpha_w, alpha_a. The inner Conv2d keeps the ResNet's He init.
    private readonly Conv2d conv;
    private readonly Parameter? alpha_w;
    private readonly Parameter? alpha_a;
    private readonly long stride, padding;

    public PniConv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, PniOptions options)
        : base(nameof(PniConv2d))
    {
        options.Validate();
        this.stride = stride;
        this.padding = padding;
        conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: padding, bias: false);
        alpha_w = PniNoise.WeightAlpha(options.Weights, conv.weight.shape, options.Alpha0);
        alpha_a = PniNoise.ActivationAlpha(options.Activations, options.Alpha0);
        RegisterComponents();
    }

    public NoiseMode Mode { get; set; } = NoiseMode.On;

    public IReadOnlyList<Parameter> Alphas => PniNoise.Present(alpha_w, alpha_a);

    /// <summary>The noise-free weight W, shape [out, in, k, k].</summary>
    public Parameter Weight => conv.weight;

    /// <param name="x">Activations, shape [N, in, H, W].</param>
    public override Tensor forward(Tensor x)
    {
        if (Mode == NoiseMode.Off) return conv.forward(x);
        var input = alpha_a is null ? x : PniNoise.Add(x, alpha_a);
        var weight = alpha_w is null ? (Tensor)conv.weight : PniNoise.Add(conv.weight, alpha_w);
        return nn.functional.conv2d(input, weight, null, strides: [stride, stride], padding: [padding, padding]);
    }
}
