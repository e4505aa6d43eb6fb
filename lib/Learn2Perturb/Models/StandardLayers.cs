using static TorchSharp.torch;

namespace Learn2Perturb.Models;

/// <summary>Plain TorchSharp convolutions and linear layers: the layers of every model that is not a weight-noise baseline.</summary>
public sealed class StandardLayers : ILayerFactory
{
    /// <summary>The shared instance (the factory has no state).</summary>
    public static StandardLayers Instance { get; } = new();

    public nn.Module<Tensor, Tensor> Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding) =>
        nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: padding, bias: false);

    public nn.Module<Tensor, Tensor> Linear(long inFeatures, long outFeatures) => nn.Linear(inFeatures, outFeatures);
}
