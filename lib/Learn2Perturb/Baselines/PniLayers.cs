using Learn2Perturb.Models;
using static TorchSharp.torch;

namespace Learn2Perturb.Baselines;

/// <summary>Builds a ResNet whose every convolution and linear head carries PNI noise (docs/method.md §4).</summary>
public sealed class PniLayers : ILayerFactory
{
    public PniLayers(PniOptions options)
    {
        options.Validate();
        Options = options;
    }

    public PniOptions Options { get; }

    public nn.Module<Tensor, Tensor> Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding) =>
        new PniConv2d(inChannels, outChannels, kernelSize, stride, padding, Options);

    public nn.Module<Tensor, Tensor> Linear(long inFeatures, long outFeatures) => new PniLinear(inFeatures, outFeatures, Options);
}
