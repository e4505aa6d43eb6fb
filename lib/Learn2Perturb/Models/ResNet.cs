using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Learn2Perturb.Models;

/// <summary>
/// CIFAR-style ResNet with perturbation injection (docs/method.md §3): Normalize → conv3×3 → BN → (+noise) → ReLU →
/// stages of <see cref="BasicBlock"/> → global average pool → linear. The global average equals the paper's 8×8
/// (V1) and 4×4 (V2) pooling on 32×32 inputs and keeps other input sizes (28×28 Fashion-MNIST) working.
/// The convolutions and the linear head come from an <see cref="ILayerFactory"/> (plain, or a baseline's noisy layers).
/// </summary>
public sealed class ResNet : Module<Tensor, Tensor>
{
    private readonly Normalize normalize;
    private readonly Module<Tensor, Tensor> conv;
    private readonly BatchNorm2d bn;
    private readonly Module<Tensor, Tensor> noise;
    private readonly Sequential blocks; // registered, so state-dict keys read blocks.<stage>_<i>
    private readonly Module<Tensor, Tensor>[] blockList;
    private readonly Module<Tensor, Tensor> fc;

    internal ResNet(ModelSpec spec, InputSpec input, PerturbationOptions? perturbation, ILayerFactory? layers = null) : base(spec.Name)
    {
        perturbation?.Validate();
        layers ??= StandardLayers.Instance;
        Spec = spec;
        Input = input;
        var layout = spec.Layout();
        var shape = new FeatureShape(layout.Widths[0], input.Height, input.Width);
        normalize = new Normalize(input.Mean, input.Std);
        conv = layers.Conv2d(input.Channels, layout.Widths[0], 3, 1, 1);
        bn = BatchNorm2d(layout.Widths[0]);
        noise = perturbation.ForStem().CreateModule("noise", shape); // identity when the placement skips the stem
        var list = new List<(string, Module<Tensor, Tensor>)>();
        for (int stage = 0; stage < layout.Widths.Length; stage++)
        {
            for (int i = 0; i < layout.BlocksPerStage[stage]; i++)
            {
                long stride = i == 0 ? layout.Strides[stage] : 1;
                var output = shape.Downsample(layout.Widths[stage], stride);
                list.Add(($"{stage}_{i}", new BasicBlock($"block{stage}_{i}", shape.Channels, output.Channels, stride, layout.Shortcut, output, perturbation.ForBlocks(), layers)));
                shape = output;
            }
        }
        blocks = Sequential(list);
        blockList = list.Select(b => b.Item2).ToArray();
        fc = layers.Linear(shape.Channels, input.NumClasses);
        RegisterComponents();
        Initialize();
    }

    public ModelSpec Spec { get; }

    public InputSpec Input { get; }

    /// <param name="x">Pixels in [0,1], shape [N,C,H,W].</param>
    /// <returns>Logits, shape [N, classes].</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees intermediates as soon as the pass ends (see BasicBlock)
        var h = normalize.forward(x);
        // Eval mode on the CPU runs channels-last: libtorch's oneDNN convolutions take that order without reordering
        // (measured: eval forward at batch 512 ≈ 15–20 % faster, PGD-7 with input gradients ≈ 7 %). Training mode
        // keeps NCHW, which measured as fast or faster there (BN on batch statistics).
        if (!training && h.device_type == DeviceType.CPU) h = ChannelsLast(h);
        h = ConvBatchNorm.Forward(conv, bn, h);
        h = noise.forward(h).relu_();
        foreach (var block in blockList)
        {
            // Release each block's input as soon as the next output exists, as reference counting does in PyTorch:
            // without grad nothing else holds it, with grad autograd keeps its own reference to what backward needs.
            var next = block.forward(h);
            h.Dispose();
            h = next;
        }
        return fc.forward(h.mean([2, 3])).MoveToOuterDisposeScope();
    }

    /// <summary>The same [N,C,H,W] values stored in N,H,W,C order (TorchSharp has no memory_format argument).</summary>
    private static Tensor ChannelsLast(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    /// <summary>He-normal (fan-out) convolutions, BN weight 1 / bias 0, He-normal linear with zero bias (as the reference).</summary>
    private void Initialize()
    {
        using var _ = no_grad();
        foreach (var m in modules())
        {
            switch (m)
            {
                case Conv2d c:
                    init.kaiming_normal_(c.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
                    break;
                case BatchNorm2d b:
                    init.ones_(b.weight);
                    init.zeros_(b.bias);
                    break;
                case Linear l:
                    init.kaiming_normal_(l.weight);
                    if (l.bias is not null) init.zeros_(l.bias);
                    break;
            }
        }
    }
}
