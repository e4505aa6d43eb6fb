using Learn2Perturb.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Models;

/// <summary>BatchNorm folded into its convolution in eval mode: the same function, forward and input gradient.</summary>
public sealed class ConvBatchNormTests
{
    private static (Conv2d Conv, BatchNorm2d Bn) Layers(long stride, bool convBias)
    {
        var conv = nn.Conv2d(6, 8, 3, stride: stride, padding: 1, bias: convBias);
        var bn = nn.BatchNorm2d(8);
        using var _ = no_grad();
        // Statistics and affine parameters far from the identity, so a wrong scale, shift or eps shows.
        bn.running_mean!.copy_(randn(8));
        bn.running_var!.copy_(rand(8) * 3 + 0.1);
        bn.weight!.copy_(randn(8));
        bn.bias!.copy_(randn(8));
        return (conv, bn);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(1, true)]
    public void InEvalModeTheFoldedConvolutionIsConvolutionThenBatchNorm(long stride, bool convBias)
    {
        using var scope = NewDisposeScope();
        var (conv, bn) = Layers(stride, convBias);
        conv.eval();
        bn.eval();
        var x = randn(4, 6, 10, 10);
        var xa = x.clone().requires_grad_(true);
        var expected = bn.forward(conv.forward(xa));
        var xb = x.clone().requires_grad_(true);
        var folded = ConvBatchNorm.Forward(conv, bn, xb);
        Assert.Equal(expected.shape, folded.shape);
        Assert.True((expected - folded).abs().max().item<float>() < 1e-4f * expected.abs().max().item<float>());
        var direction = randn_like(expected);
        (expected * direction).sum().backward();
        (folded * direction).sum().backward();
        Assert.True((xa.grad! - xb.grad!).abs().max().item<float>() < 1e-4f * xa.grad!.abs().max().item<float>());
        using (no_grad())
            Assert.True(folded.detach().allclose(ConvBatchNorm.Forward(conv, bn, x), rtol: 0, atol: 0), "no-grad gives the same values");
    }

    [Fact]
    public void InTrainingModeBatchNormUsesTheBatchStatisticsAndUpdatesItsRunningOnes()
    {
        using var scope = NewDisposeScope();
        var (conv, bn) = Layers(1, false);
        conv.train();
        bn.train();
        var before = bn.running_mean!.clone();
        var x = randn(4, 6, 10, 10);
        var output = ConvBatchNorm.Forward(conv, bn, x);
        // Normalised by the batch's own statistics: each channel's mean is its BN bias.
        var channelMeans = ((output - bn.bias!.detach().view(1, -1, 1, 1)).mean([0, 2, 3])).abs().max().item<float>();
        Assert.True(channelMeans < 1e-4f);
        Assert.False(bn.running_mean!.Identical(before));
    }
}
