using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Perturbation;

public sealed class NoiseRegularizerTests
{
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.5)]
    [InlineData(4, 1.0 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4)]
    public void HarmonicTemperatureCountsNoisyEpochsFromOne(int k, double expected) =>
        Assert.Equal(expected, NoiseRegularizer.Temperature(Annealing.Harmonic, k), 12);

    [Fact]
    public void EpochZeroHasNoTemperature() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseRegularizer.Temperature(Annealing.Harmonic, 0));

    [Fact]
    public void PenaltyIsMinusGammaSumSqrtThetaOverTauAndPushesThetaUp()
    {
        using var _ = NewDisposeScope();
        var theta = full(new long[] { 2, 2 }, 0.25f).requires_grad_(true);
        var penalty = new NoiseRegularizer(Gamma: 1e-4).Penalty([theta], noisyEpoch: 2);
        Assert.Equal(-1e-4 * 4 * 0.5 / 1.5, penalty.item<float>(), 9);
        penalty.backward();
        // d/dθ (−γ√θ/τ) = −γ/(2τ√θ) < 0: gradient descent increases θ.
        Assert.All(theta.grad!.data<float>().ToArray(), g => Assert.Equal(-1e-4 / (2 * 1.5 * 0.5), g, 9));
    }
}
