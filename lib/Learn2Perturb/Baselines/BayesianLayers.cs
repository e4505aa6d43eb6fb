using Learn2Perturb.Models;
using static TorchSharp.torch;

namespace Learn2Perturb.Baselines;

/// <summary>Builds a ResNet whose every convolution and linear head is Bayesian (Adv-BNN, docs/method.md §4).</summary>
public sealed class BayesianLayers : ILayerFactory
{
    public BayesianLayers(BayesianOptions options)
    {
        options.Validate();
        Options = options;
    }

    public BayesianOptions Options { get; }

    public nn.Module<Tensor, Tensor> Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding) =>
        new BayesianConv2d(inChannels, outChannels, kernelSize, stride, padding, Options);

    public nn.Module<Tensor, Tensor> Linear(long inFeatures, long outFeatures) => new BayesianLinear(inFeatures, outFeatures, Options);
}
