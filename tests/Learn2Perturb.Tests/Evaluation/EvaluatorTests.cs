using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Runs;
using Learn2Perturb.Tests.Attacks;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Evaluation;

[Collection(TorchRandomCollection.Name)]
public sealed class EvaluatorTests
{
    [Fact]
    public void TheWorstCasePerImageOverBatchesEqualsAHandCountOnOneBatch()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp(classes: 10, n: 100);
        using var test = new TensorDataset("t", x.clone(), y.clone(), 10);
        var threat = new ThreatModel(0.045);
        IAttack[] attacks = [new Fgsm(threat), new Pgd(threat, new PgdOptions(Steps: 10, StepSize: 0.01, RandomStart: false))];
        Tensor Right(Tensor input) { using var __ = no_grad(); return mlp.forward(input).argmax(1).eq(y); }
        var robust = Right(x) & Right(attacks[0].Perturb(mlp, x, y)) & Right(attacks[1].Perturb(mlp, x, y));
        double expected = 100.0 * robust.sum().item<long>() / 100;

        var report = RobustnessEvaluator.Evaluate(mlp, test, attacks, repeats: 2, batchSize: 32);
        Assert.NotNull(report.WorstCase);
        Assert.Equal(expected, report.WorstCase.Mean, 9);
        Assert.Equal(0, report.WorstCase.Std);
        Assert.True(report.WorstCase.Mean <= report.Attacks.Values.Min(a => a.Mean));
        Assert.True(expected < report.Clean.Mean, "the test needs images that some attack breaks");
    }

    /// <summary>Counts the batches an attack is asked to perturb.</summary>
    private sealed class Counted(IAttack inner) : IAttack
    {
        public int Calls { get; private set; }

        public string Name => inner.Name;

        public ThreatModel Threat => inner.Threat;

        public AttackDescription Description => inner.Description;

        public Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
        {
            Calls++;
            return inner.Perturb(model, x, y);
        }
    }

    [Fact]
    public void OnADeterministicModelOnlyTheAttacksWithARandomStartRunAgainInLaterRepeats()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp(classes: 10, n: 100);
        using var test = new TensorDataset("t", x.clone(), y.clone(), 10);
        var threat = new ThreatModel(0.045);
        var fgsm = new Counted(new Fgsm(threat));
        var pgd = new Counted(new Pgd(threat, new PgdOptions(Steps: 5, StepSize: 0.01, RandomStart: true)));
        var once = RobustnessEvaluator.Evaluate(mlp, test, [new Fgsm(threat)], repeats: 1, batchSize: 32);

        var report = RobustnessEvaluator.Evaluate(mlp, test, [fgsm, pgd], repeats: 3, batchSize: 32);

        Assert.Equal((4, 12), (fgsm.Calls, pgd.Calls)); // 4 batches: FGSM in the first repeat only, PGD in all three
        Assert.Equal(once.Attacks[fgsm.Name].Mean, report.Attacks[fgsm.Name].Mean);
        Assert.Equal((3, 0.0), (report.Attacks[fgsm.Name].Repeats, report.Attacks[fgsm.Name].Std));
        Assert.Equal(once.Clean.Mean, report.Clean.Mean);
        Assert.True(report.WorstCase!.Mean <= report.Attacks.Values.Min(a => a.Mean));

        // A model whose passes differ runs everything every repeat, even with no noise module (found by two forward passes).
        Compute.Seed(3);
        using var coins = new TensorDataset("coin", rand(64, 1, 4, 4), zeros(64, dtype: ScalarType.Int64), 2);
        var flip = new Counted(new Fgsm(new ThreatModel(0)));
        RobustnessEvaluator.Evaluate(new CoinFlip(), coins, [flip], repeats: 3, batchSize: 32);
        Assert.Equal(6, flip.Calls);
    }

    /// <summary>
    /// On a model whose every prediction is a coin flip, an attack that changes nothing scores ≈ 50 % per column, but
    /// an image is robust in the worst case only if the clean pass and both attacks' passes were all right: ≈ 12.5 %.
    /// </summary>
    [Fact]
    public void TheWorstCaseCountsAnImageOnlyIfItIsRightCleanAndUnderEveryAttackInTheSameRepeat()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(12);
        using var test = new TensorDataset("coin", rand(800, 1, 4, 4), zeros(800, dtype: ScalarType.Int64), 2);
        IAttack[] unchanged = [new Fgsm(new ThreatModel(0)), new Fgsm(new ThreatModel(0, Norm: Norm.L2))];
        var report = RobustnessEvaluator.Evaluate(new CoinFlip(), test, unchanged, repeats: 2, batchSize: 200);
        Assert.All(report.Attacks.Values, a => Assert.InRange(a.Mean, 45, 55));
        Assert.InRange(report.WorstCase!.Mean, 9, 16);
    }

    [Fact]
    public void AResultStoredWithoutTheWorstCaseReadsItAsAbsent()
    {
        var report = new RobustnessReport(new MeanStd(90, 0, 1), new Dictionary<string, MeanStd> { ["FGSM"] = new(50, 0, 1) }, 1, 10, false, "", 1, 1)
        {
            WorstCase = new MeanStd(40, 0, 1),
        };
        var node = System.Text.Json.Nodes.JsonNode.Parse(RunJson.Serialize(report))!.AsObject();
        Assert.True(node.Remove("worst_case"));
        var old = RunJson.Deserialize<RobustnessReport>(node.ToJsonString());
        Assert.Null(old.WorstCase);
        Assert.Equal(50, old.Attacks["FGSM"].Mean);
        Assert.Equal(40, RunJson.Deserialize<RobustnessReport>(RunJson.Serialize(report)).WorstCase!.Mean);
    }

    /// <summary>Logits [0, N(0, 1)] whatever the input (plus 0·x, so that gradients exist): each prediction a coin flip.</summary>
    private sealed class CoinFlip() : nn.Module<Tensor, Tensor>("coin-flip")
    {
        public override Tensor forward(Tensor x)
        {
            var zero = x.flatten(1).sum(1) * 0;
            return stack([zero, zero + randn_like(zero)], 1);
        }
    }

    [Fact]
    public void MinimalAttacksReportSuccessRateAndDistanceOverTheAttemptedImages()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(8);
        var w = randn(16);
        var model = TinyModels.TwoClassLinear(w, 0.1);
        // Shift each x along w so that its logit is t ∈ [−1, 1]: the boundary is then |t|/‖w‖ away, well inside the box.
        var raw = 0.5 + 0.02 * randn(10, 16);
        var t = rand(10) * 2 - 1;
        var x = raw - ((raw.matmul(w) + 0.1 - t) / w.square().sum()).unsqueeze(1) * w;
        var y = (x.matmul(w) + 0.1).gt(0).to_type(ScalarType.Int64);
        using var test = new TensorDataset("linear", x.view(10, 1, 4, 4).clone(), y.clone(), 2);
        var cw = new CarliniWagnerL2(new CarliniWagnerOptions(InitialC: 1, BinarySearchSteps: 6, Steps: 100, LearningRate: 5e-3));
        var report = MinimalAttackEvaluator.Evaluate(model, test, cw, repeats: 1, batchSize: 4);
        var analytic = ((x.matmul(w) + 0.1).abs() / w.norm()).mean().item<float>();
        Assert.Equal(100, report.SuccessRate.Mean);
        Assert.Equal(100, report.Attempted.Mean);
        Assert.Equal("L2", report.DistanceMeasure);
        Assert.InRange(report.MeanDistance.Mean, analytic, analytic * 1.05);
    }

    [Theory]
    [InlineData(0, 256, "repeats")]
    [InlineData(1, 0, "batchSize")]
    public void BadEvaluationSettingsAreRejectedByName(int repeats, int batchSize, string field)
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp(n: 6);
        using var test = new TensorDataset("t", x.clone(), y.clone(), 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RobustnessEvaluator.Evaluate(mlp, test, [new Fgsm(ThreatModel.Paper)], repeats, batchSize));
        Assert.Equal(field, e.ParamName);
        Assert.Throws<ArgumentException>(() => RobustnessEvaluator.Evaluate(mlp, test, [new Fgsm(ThreatModel.Paper), new Fgsm(ThreatModel.Paper)], 1));
    }
}
