using Learn2Perturb.Perturbation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Learn2Perturb.Models;

/// <summary>How a residual block matches shapes when its stride or width changes.</summary>
public enum Shortcut
{
    /// <summary>He et al.'s option A (ResNet-V1): stride-2 subsampling and zero-padded channels; no parameters.</summary>
    SubsampleZeroPad,
    /// <summary>1×1 convolution + BatchNorm (ResNet-V2(18), kuangliu-style).</summary>
    Projection,
}

/// <summary>
/// conv3×3 → BN → ReLU → conv3×3 → BN, + shortcut, then the perturbation-injection module (after the residual sum,
/// before the final ReLU, docs/method.md §1), then ReLU.
/// </summary>
internal sealed class BasicBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> conv1, conv2;
    private readonly BatchNorm2d bn1, bn2;
    private readonly Sequential? projection;
    private readonly Module<Tensor, Tensor> noise;
    private readonly long stride, extraChannels;

    public BasicBlock(string name, long inChannels, long outChannels, long stride, Shortcut shortcut,
        FeatureShape output, PerturbationOptions? perturbation, ILayerFactory layers) : base(name)
    {
        this.stride = stride;
        conv1 = layers.Conv2d(inChannels, outChannels, 3, stride, 1);
        bn1 = BatchNorm2d(outChannels);
        conv2 = layers.Conv2d(outChannels, outChannels, 3, 1, 1);
        bn2 = BatchNorm2d(outChannels);
        bool reshape = stride != 1 || inChannels != outChannels;
        if (reshape && shortcut == Shortcut.Projection)
            projection = Sequential(layers.Conv2d(inChannels, outChannels, 1, stride, 0), BatchNorm2d(outChannels));
        extraChannels = reshape && shortcut == Shortcut.SubsampleZeroPad ? outChannels - inChannels : 0;
        noise = perturbation.CreateModule("noise", output);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        // Intermediates are freed when the block ends (autograd keeps what backward needs), which keeps the working set
        // near PyTorch's, where reference counting frees them as soon as they go out of use.
        using var scope = NewDisposeScope();
        var h = ConvBatchNorm.Forward(conv1, bn1, x).relu_();
        h = ConvBatchNorm.Forward(conv2, bn2, h);
        h = h.add_(ShortcutOf(x));
        return noise.forward(h).relu_().MoveToOuterDisposeScope();
    }

    private Tensor ShortcutOf(Tensor x)
    {
        if (projection is not null) return projection.forward(x);
        if (stride == 1 && extraChannels == 0) return x;
        var s = stride == 1 ? x : x[.., .., TensorIndex.Slice(null, null, stride), TensorIndex.Slice(null, null, stride)];
        // New channels are zeros appended after the existing ones (as the reference code does).
        return extraChannels == 0 ? s : functional.pad(s, [0, 0, 0, 0, 0, extraChannels]);
    }
}
