using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Tests.Attacks;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Evaluation;

[Collection(TorchRandomCollection.Name)]
public sealed class EvaluatorTests
{
    [Fact]
    public void TheSuiteOverBatchesEqualsTheSuiteOnOneBatchForADeterministicModel()
    {
        using var _ = NewDisposeScope();
        var (mlp, x, y) = TinyModels.TrainedMlp(classes: 10, n: 100);
        using var test = new TensorDataset("t", x.clone(), y.clone(), 10);
        var threat = new ThreatModel(0.045);
        var suite = new AttackSuite([new Fgsm(threat), new Pgd(threat, new PgdOptions(Steps: 10, StepSize: 0.01, RandomStart: false))]);
        var whole = suite.Run(mlp, x, y);
        var report = SuiteEvaluator.Evaluate(mlp, test, suite, repeats: 2, batchSize: 32);
        Assert.Equal(whole.WorstCaseAccuracy, report.WorstCase.Mean, 9);
        Assert.Equal(0, report.WorstCase.Std);
        Assert.Equal(whole.AccuracyAfter(0), report.Steps[0].AccuracyAfter.Mean, 9);
        Assert.Equal(["FGSM", "PGD-10"], report.Steps.Select(s => s.Attack));
        Assert.True(report.WorstCase.Mean <= report.Steps[0].AccuracyAfter.Mean);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void SuiteResultsOfDifferentSuitesDoNotCombine()
    {
        var a = new SuiteResult(2, 2, [new SuiteStep("FGSM", 2, 1, 1)]);
        var b = new SuiteResult(2, 2, [new SuiteStep("PGD-7", 2, 1, 1)]);
        Assert.Throws<ArgumentException>(() => SuiteResult.Combine([a, b]));
        var both = SuiteResult.Combine([a, a]);
        Assert.Equal((4, 4, 2, 2), (both.Samples, both.CleanCorrect, both.Steps[0].Broken, both.Steps[0].RobustAfter));
        Assert.Equal(50, both.WorstCaseAccuracy);
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
