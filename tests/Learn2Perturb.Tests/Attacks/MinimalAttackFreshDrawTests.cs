using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>
/// Minimal attacks on a randomised model decide success by a majority of fresh draws, not by one pass the search saw.
/// The model here has no adversarial examples at all: its logits ignore the input and only its noise can flip the
/// prediction (in ≈16 % of passes), so every success is a lucky draw.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class MinimalAttackFreshDrawTests
{
    private static (Tensor X, Tensor Y) Images(int n = 48) => (rand(n, 1, 4, 4), zeros(n, dtype: ScalarType.Int64));

    [Fact]
    public void CarliniWagnerCountsNoSuccessOnAModelWhoseOnlyFlipsAreNoise()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(7);
        var (x, y) = Images();
        using var result = new CarliniWagnerL2(new CarliniWagnerOptions(BinarySearchSteps: 3, Steps: 20)).Perturb(new NoiseOnly(), x, y);
        // One pass per step would see a flip within 60 passes for almost every image (1 − 0.84^60 ≈ 1).
        Assert.InRange(result.SuccessRate, 0, 10);
    }

    [Fact]
    public void FewPixelCountsNoSuccessOnAModelWhoseOnlyFlipsAreNoise()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(8);
        var (x, y) = Images();
        using var result = new FewPixel(new FewPixelOptions(Population: 8, Iterations: 10)).Perturb(new NoiseOnly(), x, y);
        // A majority of 5 draws at p ≈ 0.16 fools ≈ 3 % of the time; one re-check would pass ≈ 16 % of the time.
        Assert.InRange(result.SuccessRate, 0, 8);
    }

    [Fact]
    public void AMinimalAttackWithOneDrawOnARandomisedModelRaisesTheSanityWarnings()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(9);
        var (x, y) = Images(16);
        var test = new TensorDataset("noise", x, y, 2);
        var oneDraw = new CarliniWagnerL2(new CarliniWagnerOptions(BinarySearchSteps: 1, Steps: 2, SuccessDraws: 1));
        var report = MinimalAttackEvaluator.Evaluate(new NoiseOnly(), test, oneDraw, repeats: 1);
        Assert.NotNull(report.Warnings);
        Assert.Equal(3, report.Warnings.Count(w => w.Check == SanityCheck.StochasticWithoutEot)); // no EOT, one draw, one repeat
        Assert.Equal(1, report.SuccessDraws);
        var withEot = new CarliniWagnerL2(new CarliniWagnerOptions(BinarySearchSteps: 1, Steps: 2, EotSamples: 3));
        Assert.Empty(MinimalAttackEvaluator.Evaluate(new NoiseOnly(), test, withEot, repeats: 2).Warnings!);
    }

    [Theory]
    [InlineData(Profile.Smoke)]
    [InlineData(Profile.Quick)]
    [InlineData(Profile.Paper)]
    public void TheSuitesCarliniWagnerAttacksCorrectlyClassifiedImagesWithEot(Profile profile)
    {
        var cw = ExperimentProfiles.SuiteEvaluation(profile).Minimal!.Single(m => m.Kind == "cw-l2");
        Assert.True(cw.CorrectOnly);
        Assert.True(cw.EotSamples > 1);
        Assert.Equal(5, cw.SuccessDraws);
        if (profile == Profile.Paper) Assert.True(cw is { Steps: 10_000, BinarySearchSteps: 9, AbortEarly: true });
        Assert.Matches(@"^CW-L2-k0-\d+x\d+", cw.Create().Name); // the budget is in the name
    }

    [Fact]
    public void EarlyAbortStopsARoundThatNoLongerImprovesAndStillFindsTheMinimum()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(4);
        var w = randn(16);
        var counted = new TinyModels.Counting(TinyModels.TwoClassLinear(w, 0.3));
        var x = (0.5 + 0.05 * randn(4, 16)).clamp(0, 1).view(4, 1, 4, 4);
        var y = (x.flatten(1).matmul(w) + 0.3).gt(0).to_type(ScalarType.Int64);
        var options = new CarliniWagnerOptions(InitialC: 1, BinarySearchSteps: 4, Steps: 2_000, LearningRate: 5e-3, AbortEarly: true);
        using var result = new CarliniWagnerL2(options).Perturb(counted, x, y);
        Assert.InRange(counted.Passes, 1, 4 * 2_000 * 3 / 4); // the rounds stopped well before their 8,000 steps in all
        var analytic = (x.flatten(1).matmul(w) + 0.3).abs() / w.norm();
        for (int i = 0; i < 4; i++)
        {
            Assert.True(result.Success[i]);
            Assert.InRange(result.Distance[i], analytic[i].item<float>() * 0.98, analytic[i].item<float>() * 1.1);
        }
    }

    /// <summary>Logits [0, −1 + N(0, 1)] whatever the input (plus 0·x, so that gradients exist).</summary>
    private sealed class NoiseOnly() : nn.Module<Tensor, Tensor>("noise-only")
    {
        public override Tensor forward(Tensor x)
        {
            var zero = x.flatten(1).sum(1) * 0;
            return stack([zero, zero - 1 + randn_like(zero)], 1);
        }
    }
}
