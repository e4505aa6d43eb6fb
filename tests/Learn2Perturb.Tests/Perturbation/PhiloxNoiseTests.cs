using Learn2Perturb.Core;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Perturbation;

/// <summary>The noise modules with the Philox sampler: keyed from torch's generator, independent of the thread count.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class PhiloxNoiseTests
{
    private static PerturbationInjection Module(NoiseGenerator generator, NoiseSampling sampling = NoiseSampling.PerSample) =>
        new("noise", 16, 8, 8, theta0: 0.5) { Generator = generator, Sampling = sampling };

    [Fact]
    public void NoiseIsThetaTimesThePhiloxStreamKeyedByTorchsGenerator()
    {
        using var _ = NewDisposeScope();
        using var m = Module(NoiseGenerator.Philox);
        var x = rand(5, 16, 8, 8);
        Compute.Seed(3);
        var noise = m.forward(x) - x;
        Compute.Seed(3);
        var expected = PhiloxGaussianTests.Draw((int)x.numel(), PhiloxGaussian.DrawKey(), 1, LaneWidth.Scalar);
        var epsilon = tensor(expected).reshape(x.shape);
        Assert.True((noise - 0.5f * epsilon).abs().max().item<float>() < 1e-6f);
    }

    [Theory]
    [InlineData(NoiseSampling.PerSample)]
    [InlineData(NoiseSampling.SharedAcrossBatch)]
    public void TheSameSeedGivesTheSameNoiseAtOneAndTwoThreads(NoiseSampling sampling)
    {
        using var _ = NewDisposeScope();
        using var m = Module(NoiseGenerator.Philox, sampling);
        var x = zeros(64, 16, 8, 8); // 65,536 values: two chunks, so two threads share the work
        int threads = get_num_threads();
        try
        {
            set_num_threads(1);
            Compute.Seed(5);
            var one = m.forward(x);
            set_num_threads(2);
            Compute.Seed(5);
            var two = m.forward(x);
            Assert.True(one.Identical(two));
            Assert.False(one.Identical(m.forward(x)), "the next forward pass must draw a new key");
        }
        finally { set_num_threads(threads); }
    }

    [Theory]
    [InlineData(NoiseSampling.PerSample)]
    [InlineData(NoiseSampling.SharedAcrossBatch)]
    public void TorchGeneratorKeepsTorchsRandn(NoiseSampling sampling)
    {
        using var _ = NewDisposeScope();
        using var m = Module(NoiseGenerator.Torch, sampling);
        var x = rand(3, 16, 8, 8);
        Compute.Seed(9);
        var output = m.forward(x);
        Compute.Seed(9);
        var epsilon = sampling == NoiseSampling.PerSample ? randn_like(x) : randn(16, 8, 8);
        Assert.True(output.Identical(x + m.Theta.detach() * epsilon));
    }
}
