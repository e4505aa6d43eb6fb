using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>
/// Passes that re-sample nothing are taken once: on a model whose forward passes agree, EOT draws, fresh-draw majorities
/// and the repeats of an attack without a random start are one pass (or one repeat); on a model whose passes differ —
/// declared noise modules or not — every draw is still taken.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class DeterministicDrawsTests
{
    private static readonly ThreatModel Threat = new(0.1);

    [Fact]
    public void DrawsNeededIsOneOnlyWhereEveryPassAgrees()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, _) = TinyModels.TrainedMlp();
        Assert.Equal(1, mlp.DrawsNeeded(x, 10));
        Assert.Equal(10, new TinyModels.UndeclaredNoise(mlp, 0.1).DrawsNeeded(x, 10));
        var noisy = TinyModels.NoisyResNet();
        noisy.eval();
        var images = rand(4, 1, 28, 28);
        Assert.Equal(10, noisy.DrawsNeeded(images, 10));
        using (noisy.Noise(NoiseMode.Off)) Assert.Equal(1, noisy.DrawsNeeded(images, 10));
        mlp.train(); // a module in training mode may re-sample (dropout): every draw is taken
        Assert.Equal(10, mlp.DrawsNeeded(x, 10));
        mlp.eval();
    }

    [Fact]
    public void EotPgdOnADeterministicModelTakesOnePassPerStepAndFindsWhatPgdFinds()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp();
        var counted = new TinyModels.Counting(mlp);
        Compute.Seed(3);
        var eot = new Pgd(Threat, new PgdOptions(Steps: 5, StepSize: 0.03, EotSamples: 10)).Perturb(counted, x, y);
        Assert.Equal(2 + 5, counted.Passes); // the agreement check, then one pass per step (10 per step before)
        Compute.Seed(3);
        var plain = new Pgd(Threat, new PgdOptions(Steps: 5, StepSize: 0.03)).Perturb(mlp, x, y);
        Assert.Equal(TinyModels.Accuracy(mlp, plain, y), TinyModels.Accuracy(mlp, eot, y));
    }

    [Fact]
    public void EotPgdOnAModelWithUndeclaredNoiseTakesEveryDraw()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp();
        var counted = new TinyModels.Counting(new TinyModels.UndeclaredNoise(mlp, 0.1));
        new Pgd(Threat, new PgdOptions(Steps: 5, StepSize: 0.03, EotSamples: 4)).Perturb(counted, x, y);
        Assert.Equal(2 + 5 * 4, counted.Passes);
    }

    [Fact]
    public void EotApgdOnADeterministicModelTakesOnePassPerIteration()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp();
        var counted = new TinyModels.Counting(mlp);
        new Apgd(Threat, new ApgdOptions(Steps: 6, EotSamples: 5)).Perturb(counted, x, y);
        Assert.Equal(2 + 1 + 6, counted.Passes); // the check, the start's gradient, one per iteration (5 each before)
    }

    [Fact]
    public void MinimalAttacksOnADeterministicModelDecideOnOnePass()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp(n: 12);
        var counted = new TinyModels.Counting(mlp);
        var cw = new CarliniWagnerL2(new CarliniWagnerOptions(BinarySearchSteps: 2, Steps: 10, EotSamples: 3, SuccessDraws: 5, CorrectOnly: true));
        using (var result = cw.Perturb(counted, x, y)) Assert.True(result.SuccessCount > 0);
        // The agreement check, one correctness pass, one pass per Adam step, one check per round and one final check.
        Assert.Equal(2 + 1 + 2 * 10 + 2 + 1, counted.Passes);

        counted.Passes = 0;
        Compute.Seed(5);
        var pixel = new FewPixel(new FewPixelOptions(Population: 8, Iterations: 3, EotSamples: 3, SuccessDraws: 5));
        using (pixel.Perturb(counted, x, y)) { }
        // Per attempted image: at most 1 + 3 generations of fitness, a verification per fooling generation and a final check.
        Assert.InRange(counted.Passes, 5, 2 + 1 + 12 * (4 + 4 + 1));
    }

    [Fact]
    public void RepeatsOfAnAttackWithoutARandomStartRunOnceOnADeterministicModel()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp(n: 12);
        var test = new TensorDataset("blobs", x, y, 3);
        var counted = new TinyModels.Counting(mlp);
        var cw = new CarliniWagnerL2(new CarliniWagnerOptions(BinarySearchSteps: 2, Steps: 10));
        var once = MinimalAttackEvaluator.Evaluate(counted, test, cw, repeats: 1);
        int onePass = counted.Passes;
        counted.Passes = 0;
        var thrice = MinimalAttackEvaluator.Evaluate(counted, test, cw, repeats: 3);
        Assert.Equal(onePass, counted.Passes);
        Assert.Equal(once.SuccessRate.Mean, thrice.SuccessRate.Mean);
        Assert.Equal(0, thrice.SuccessRate.Std);
        Assert.Equal(3, thrice.Repeats);

        counted.Passes = 0;
        var pixel = new FewPixel(new FewPixelOptions(Population: 8, Iterations: 2));
        MinimalAttackEvaluator.Evaluate(counted, test, pixel, repeats: 1);
        onePass = counted.Passes;
        counted.Passes = 0;
        MinimalAttackEvaluator.Evaluate(counted, test, pixel, repeats: 2); // random initial populations: both repeats run
        Assert.True(counted.Passes > 1.5 * onePass, $"{counted.Passes} passes for 2 repeats, {onePass} for 1");
    }
}
