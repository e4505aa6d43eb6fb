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
    [InlineData(5, 16, 8, 8)]    // groups of 32 never straddle a sample: the vector path
    [InlineData(3, 5, 7, 7)]     // 245 values per sample, 735 in all: groups straddle samples and the tail is partial
    [InlineData(70, 5, 14, 14)]  // 68,600 values: two chunks, so two threads share the work
    public void InferenceNoiseInOnePassEqualsTheStoredEpsilonPathInBothLayouts(long n, long c, long h, long w)
    {
        using var _ = NewDisposeScope();
        using var m = new PerturbationInjection("noise", c, h, w, theta0: 0.5);
        using (no_grad()) m.Theta.add_(rand(c, h, w)); // θ varies by element, so a wrong θ index shows
        var x = rand(n, c, h, w);
        Compute.Seed(4);
        var graph = m.forward(x); // θ requires grad: ε is drawn, stored and multiplied in (addcmul)
        Assert.True(graph.requires_grad);
        int threads = get_num_threads();
        Tensor? atOneThread = null;
        try
        {
            foreach (int t in new[] { 1, 2 })
            {
                set_num_threads(t);
                using var noGrad = no_grad();
                Compute.Seed(4);
                var nchw = m.forward(x);
                AssertSameNoise(graph.detach(), nchw, $"NCHW at {t} thread(s)");
                atOneThread ??= nchw;
                Assert.True(atOneThread.Identical(nchw), "the same values at 1 and 2 threads");
                var channelsLast = x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
                Assert.True(PhiloxGaussian.IsChannelsLast(channelsLast));
                Compute.Seed(4);
                var output = m.forward(channelsLast);
                Assert.True(PhiloxGaussian.IsChannelsLast(output), "the output keeps the input's layout");
                Assert.True(nchw.Identical(output.contiguous()), $"channels-last at {t} thread(s)");
            }
        }
        finally { set_num_threads(threads); }
    }

    /// <summary>
    /// Same ε and θ index: within one rounding of x + θε (a wrong index or draw moves values by ~1). Both compute it
    /// with one fused multiply-add where libtorch's addcmul kernel does (bit-identical on AVX2 machines).
    /// </summary>
    private static void AssertSameNoise(Tensor expected, Tensor actual, string what)
    {
        float difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= 1e-6f, $"{what}: max difference {difference}");
    }

    [Fact]
    public void InferenceNoiseIsTheSameAtEveryLaneWidth()
    {
        const int n = 4, c = 8, plane = 64; // 2,048 values, θ rows of 512 ≡ 0 mod 32: the vector path where it exists
        var x = new float[n * c * plane];
        var theta = new float[c * plane];
        var random = new Random(1);
        for (int i = 0; i < x.Length; i++) x[i] = random.NextSingle();
        for (int i = 0; i < theta.Length; i++) theta[i] = random.NextSingle();
        float[] Run(LaneWidth width, bool channelsLast)
        {
            var output = new float[x.Length];
            PhiloxGaussian.AddNoise(x, theta, output, new PhiloxGaussian.NoiseShape(c, plane, channelsLast), 21, 2, width);
            return output;
        }
        foreach (bool channelsLast in new[] { false, true })
        {
            var scalar = Run(LaneWidth.Scalar, channelsLast);
            Assert.Equal(scalar, Run(LaneWidth.Vector128, channelsLast));
            Assert.Equal(scalar, Run(LaneWidth.Vector256, channelsLast));
        }
    }

    [Fact]
    public void AddNoiseRejectsAnOtherwiseStridedInput()
    {
        using var _ = NewDisposeScope();
        var x = rand(2, 4, 6, 6).transpose(2, 3); // neither NCHW nor channels-last dense
        var theta = ones(4, 6, 6);
        Assert.False(PhiloxGaussian.CanAddNoise(x, theta));
        var error = Assert.Throws<ArgumentException>(() => PhiloxGaussian.AddNoise(x, theta));
        Assert.Contains("channels-last", error.Message);
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
