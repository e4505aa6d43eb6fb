using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Tests.Attacks;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Evaluation;

/// <summary>Each sanity check fires on a case crafted to fail it, and stays silent on one crafted to pass.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class SanityCheckTests
{
    private static TensorDataset Data(Tensor x, Tensor y, int classes) => new("test", x.clone(), y.clone(), classes);

    [Fact]
    public void AStochasticModelAttackedWithoutEotIsFlagged()
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        using var test = Data(rand(4, 1, 28, 28), randint(0, 10, 4), 10);
        var pgd = new Pgd(ThreatModel.Paper, new PgdOptions(Steps: 1));
        var eot = new Pgd(ThreatModel.Paper, new PgdOptions(Steps: 1, EotSamples: 2));
        var report = RobustnessEvaluator.Evaluate(model, test, [pgd, eot], repeats: 1);
        var warning = Assert.Single(report.Warnings, w => w.Check == SanityCheck.StochasticWithoutEot);
        Assert.Contains("pgd-1@8/255", warning.Message);
        Assert.DoesNotContain(eot.Name, warning.Message);
        Assert.Equal(2, report.AttackDescriptions[eot.Name].ForwardPassesPerGradient);
        Assert.Contains("noise draws", report.Resampled);

        model.SetNoise(NoiseMode.Off);
        var quiet = RobustnessEvaluator.Evaluate(model, test, [pgd], repeats: 1);
        Assert.DoesNotContain(quiet.Warnings, w => w.Check == SanityCheck.StochasticWithoutEot);
        Assert.Contains("deterministic", quiet.Resampled);
    }

    [Fact]
    public void MaskedGradientsAreFlaggedAndTheTransferAttackBeatsTheMaskedWhiteBox()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp(classes: 10, n: 100);
        var masked = nn.Sequential(new Quantise(), mlp); // rounding has a zero derivative: every input gradient is 0
        using var test = Data(x, y, 10);
        var threat = new ThreatModel(0.06);
        var white = new Pgd(threat, new PgdOptions(Steps: 10, StepSize: 0.015, RandomStart: false));
        var transfer = new TransferAttack(mlp, white, "unmasked mlp");
        var report = RobustnessEvaluator.Evaluate(masked, test, [white, transfer], repeats: 1);
        Assert.Contains(report.Warnings, w => w.Check == SanityCheck.ZeroGradients && w.Message.StartsWith("64 of 64 inputs", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Check == SanityCheck.BlackBoxBeatsWhiteBox && w.Message.Contains(transfer.Name));

        var honest = RobustnessEvaluator.Evaluate(mlp, test, [white, transfer], repeats: 1);
        Assert.Empty(honest.Warnings);
    }

    [Fact]
    public void TheUnboundedProbeFlagsAMaskedModelAndNotAnHonestOne()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp(classes: 10, n: 40);
        Assert.Empty(SanityChecks.UnboundedAttack(mlp, x, y));
        var w = Assert.Single(SanityChecks.UnboundedAttack(nn.Sequential(new Quantise(), mlp), x, y));
        Assert.Equal(SanityCheck.AccuracyNotVanishing, w.Check);
    }

    [Fact]
    public void AccuracyThatRisesWithEpsilonOrStaysHighIsFlagged()
    {
        MeanStd A(double mean, double std = 0) => new(mean, std, 3);
        Assert.Empty(SanityChecks.AccuracyAgainstEpsilon([(0.0, A(90)), (0.1, A(40)), (0.5, A(0.5))]));
        var rising = SanityChecks.AccuracyAgainstEpsilon([(0.0, A(90)), (0.1, A(40)), (0.2, A(45)), (0.5, A(1))]);
        Assert.Contains("rose", Assert.Single(rising).Message);
        Assert.Contains("still", Assert.Single(SanityChecks.AccuracyAgainstEpsilon([(0.1, A(40)), (0.5, A(30))])).Message);
        // a rise within the noise of the repeats is not a finding
        Assert.Empty(SanityChecks.AccuracyAgainstEpsilon([(0.1, A(40, 2)), (0.2, A(42, 2)), (0.5, A(0))]));
    }

    [Fact]
    public void MoreStepsRaisingAccuracyIsFlagged()
    {
        MeanStd A(double mean) => new(mean, 0.1, 3);
        Assert.Empty(SanityChecks.AccuracyAgainstSteps([(1, A(50)), (7, A(40)), (20, A(39.8))]));
        var w = Assert.Single(SanityChecks.AccuracyAgainstSteps([(1, A(50)), (7, A(40)), (20, A(45))]));
        Assert.Equal(SanityCheck.MoreStepsHelpDefender, w.Check);
        Assert.Contains("20 steps", w.Message);
    }

    [Fact]
    public void TheEpsilonSweepOfAnHonestModelRaisesNoWarning()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp(classes: 10, n: 100);
        using var test = Data(x, y, 10);
        double[] epsilons = [0.0, 0.03, 0.1, 0.3];
        var attacks = epsilons.Select(e => (IAttack)new Pgd(new ThreatModel(e), new PgdOptions(Steps: 10, StepSize: Math.Max(e / 4, 1e-4)))).ToList();
        var report = RobustnessEvaluator.Evaluate(mlp, test, attacks, repeats: 2);
        var points = epsilons.Select((e, i) => (e, report.Attacks[attacks[i].Name])).ToList();
        Assert.Equal(report.Clean.Mean, points[0].Item2.Mean, 6);
        Assert.True(points[^1].Item2.Mean <= 5);
        Assert.Empty(SanityChecks.AccuracyAgainstEpsilon(points));
    }

    [Fact]
    public void WarningsAreAppendedNeverReplaced()
    {
        var report = new RobustnessReport(new MeanStd(1, 0, 1), new Dictionary<string, MeanStd>(), 1, 1, false, "", 1, 0)
        {
            Warnings = [new(SanityCheck.ZeroGradients, "a")],
        };
        var more = report.WithWarnings([new(SanityCheck.MoreStepsHelpDefender, "b")]);
        Assert.Equal(["a", "b"], more.Warnings.Select(w => w.Message));
    }

    [Fact]
    public void WarningsSerialiseWithTheCheckByName()
    {
        string json = System.Text.Json.JsonSerializer.Serialize(new SanityWarning(SanityCheck.ZeroGradients, "m"));
        Assert.Contains("\"ZeroGradients\"", json);
    }

    /// <summary>Rounds pixels to 1/255: the forward pass is almost the identity, the input gradient exactly zero.</summary>
    /// <summary>
    /// Every evaluation of a randomised model runs the unbounded probe: on a model whose noise alone decides (its logits
    /// ignore the input), no budget can drive the accuracy to 0, and the stored report must say so. A deterministic
    /// model is not probed.
    /// </summary>
    [Fact]
    public void EveryEvaluationOfARandomisedModelRunsTheUnboundedProbe()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(21);
        using var test = Data(rand(64, 1, 4, 4), zeros(64, dtype: ScalarType.Int64), 2);
        var eot = new Pgd(new ThreatModel(0.03), new PgdOptions(Steps: 2, StepSize: 0.01, EotSamples: 2));
        var report = RobustnessEvaluator.Evaluate(new CoinFlip(), test, [eot], repeats: 1);
        Assert.Contains(report.Warnings, w => w.Check == SanityCheck.AccuracyNotVanishing && w.Message.Contains("ε = 0.5"));

        var (mlp, x, y) = TinyModels.TrainedMlp(classes: 10, n: 40);
        using var clean = Data(x, y, 10);
        Assert.DoesNotContain(RobustnessEvaluator.Evaluate(new Quantised(mlp), clean, [eot], repeats: 1).Warnings,
            w => w.Check == SanityCheck.AccuracyNotVanishing); // deterministic (and masked): not probed, ZeroGradients speaks
    }

    /// <summary>The reference code's EOT (K copies in one batch) against noise drawn once per batch is one draw: flagged.</summary>
    [Fact]
    public void OneBatchEotAgainstBatchSharedNoiseIsFlaggedAsNoEot()
    {
        using var _ = NewDisposeScope();
        using var test = Data(rand(8, 1, 28, 28), randint(0, 10, 8), 10);
        var batchEot = new Pgd(ThreatModel.Paper, new PgdOptions(Steps: 1, EotSamples: 4) { EotInOneBatch = true });
        using var shared = TinyModels.NoisyResNet();
        foreach (var m in shared.PerturbationModules()) m.Sampling = NoiseSampling.SharedAcrossBatch;
        var flagged = RobustnessEvaluator.Evaluate(shared, test, [batchEot], repeats: 1);
        Assert.Contains(flagged.Warnings, w => w.Check == SanityCheck.StochasticWithoutEot && w.Message.Contains(batchEot.Name) && w.Message.Contains("no EOT"));

        using var perSample = TinyModels.NoisyResNet();
        var honest = RobustnessEvaluator.Evaluate(perSample, test, [batchEot], repeats: 1);
        Assert.DoesNotContain(honest.Warnings, w => w.Check == SanityCheck.StochasticWithoutEot);
    }

    /// <summary>Logits [0, N(0, 1)] whatever the input (plus 0·x, so that gradients exist).</summary>
    private sealed class CoinFlip() : nn.Module<Tensor, Tensor>("coin-flip")
    {
        public override Tensor forward(Tensor x)
        {
            var zero = (x.flatten(1) * 0).sum(1);
            return stack([zero, zero + randn_like(zero)], 1);
        }
    }

    private sealed class Quantised : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> inner;

        public Quantised(nn.Module<Tensor, Tensor> inner) : base("quantised")
        {
            this.inner = inner;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => inner.forward((x * 255).round() / 255);
    }

    private sealed class Quantise() : nn.Module<Tensor, Tensor>("quantise")
    {
        public override Tensor forward(Tensor x) => (x * 255).round() / 255;
    }
}
