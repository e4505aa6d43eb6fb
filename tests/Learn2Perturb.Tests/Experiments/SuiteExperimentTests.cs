using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;
using Learn2Perturb.Tests.Runs;

namespace Learn2Perturb.Tests.Experiments;

/// <summary>The suite experiments: every defence of Tables 1–2 under budget and minimal attacks, through the run store.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class SuiteExperimentTests : IDisposable
{
    private readonly TempRunStore temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void EveryComparedDefenceHasASuiteExperimentSharingTheTablesRun()
    {
        var suite = ExperimentCatalog.Configs("suite", Profile.Quick);
        Assert.Equal(["none", "vanilla", "pni-w", "adv-bnn", "l2p"], suite.Select(c => c.Training.Defense));
        // Same training config as the table cell, so the suite evaluates the table's trained model instead of retraining.
        // (Compared by hash, the run id: records compare their lists by reference.)
        Assert.Equal(ConfigHash.Of(ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Quick).Training), ConfigHash.Of(suite[^1].Training));
        Assert.Equal(ConfigHash.Of(ExperimentCatalog.Get("table2/resnet-v1-20/pni", Profile.Quick).Training), ConfigHash.Of(suite[2].Training));
        foreach (var c in suite) c.Validate();
        Assert.Equal(["cw-l2", "few-pixel"], suite[0].Evaluation.Minimal!.Select(m => m.Kind));
    }

    [Fact]
    public void MinimalAttackSpecsRejectUnknownKindsAndEmptyImageSets()
    {
        var e = Assert.Throws<ArgumentException>(() => new MinimalAttackSpec("deepfool", 10).Create());
        Assert.Contains("cw-l2, few-pixel", e.Message);
        var images = Assert.Throws<ArgumentOutOfRangeException>(() => MinimalAttackSpec.FewPixel(0).Create());
        Assert.Equal("Images", images.ParamName);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void TheSmokeSuiteStoresEveryAttackWithItsTimeAndTheMinimalAttacksReports()
    {
        var config = ExperimentCatalog.Get("suite/resnet-v1-20/l2p", Profile.Smoke);
        var runner = new ExperimentRunner(temp.Store);
        var outcome = runner.TrainAndEvaluate(config);

        var report = outcome.Result.Report;
        Assert.Equal(config.Evaluation.Attacks.Select(a => a.Name).Order(), report.Attacks.Keys.Order());
        Assert.All(report.AttackSeconds.Values, s => Assert.True(s > 0));
        Assert.Equal(report.Attacks.Keys.Order(), report.AttackSeconds.Keys.Order());
        Assert.Equal(2, report.AttackDescriptions["apgd-ce-3-eot2@8/255"].ForwardPassesPerGradient); // its EOT draws recorded
        var minimal = outcome.Result.MinimalReports!;
        Assert.Equal(2, minimal.Count);
        Assert.All(minimal, m => Assert.Equal(16, m.Samples));
        Assert.All(minimal, m => Assert.InRange(m.SuccessRate.Mean, 0, 100));

        var reused = runner.Evaluate(config);
        Assert.True(reused.Reused);
        Assert.Equal(2, reused.Result.MinimalReports!.Count); // the minimal reports survive the JSON round trip
    }
}
