using static TorchSharp.torch;

namespace Learn2Perturb.Models;

/// <summary>
/// Builds the weight layers of a <see cref="ResNet"/>, so baselines that replace convolutions and the linear head
/// (PNI's noisy weights, Adv-BNN's Bayesian layers; docs/method.md §4) reuse the one ResNet builder instead of copying it.
/// BatchNorm, shortcuts and the perturbation-injection modules are not affected.
/// </summary>
public interface ILayerFactory
{
    /// <summary>A bias-free square convolution, shape [N,in,H,W] → [N,out,H',W'].</summary>
    nn.Module<Tensor, Tensor> Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding);

    /// <summary>A linear layer with bias, shape [N,in] → [N,out].</summary>
    nn.Module<Tensor, Tensor> Linear(long inFeatures, long outFeatures);
}
