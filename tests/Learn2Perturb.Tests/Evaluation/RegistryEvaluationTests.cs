using Learn2Perturb.Attacks;
using Learn2Perturb.Data;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Tests.Attacks;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Evaluation;

/// <summary>Every registered budget attack runs through the evaluator on a noisy model, and the report says how.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class RegistryEvaluationTests
{
    [Fact]
    public void TheReportRecordsEotDrawsAndFlagsExactlyTheAttacksWithoutEot()
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        using var test = new TensorDataset("t", rand(2, 1, 28, 28), tensor(new long[] { 1, 7 }), 10);
        string[] names = ["fgsm", "eot-fgsm", "pgd-2", "eot-pgd-2"]; // APGD's 100 steps are too slow here: described below
        var attacks = names.Select(n => AttackRegistry.Budget(n, ThreatModel.Paper, eotSamples: 3, apgdEotSamples: 2)).ToList();
        var report = RobustnessEvaluator.Evaluate(model, test, attacks, repeats: 2);
        Assert.Equal([1, 3, 1, 3], attacks.Select(a => report.AttackDescriptions[a.Name].ForwardPassesPerGradient));
        var warning = Assert.Single(report.Warnings, w => w.Check == SanityCheck.StochasticWithoutEot);
        Assert.Contains("FGSM, PGD-2 took", warning.Message);
        Assert.All(report.Attacks.Values, a => Assert.Equal(2, a.Repeats));
        Assert.Contains("noise draws and random starts of PGD-2, EOT-PGD-2x3", report.Resampled);
    }

    [Theory]
    [InlineData("apgd-ce")]
    [InlineData("apgd-dlr")]
    public void ApgdFromTheRegistryDescribesItsEotAndRandomStart(string name)
    {
        var d = AttackRegistry.Budget(name, ThreatModel.Paper).Description;
        Assert.Equal((20, true, true), (d.ForwardPassesPerGradient, d.RandomStart, d.UsesGradients));
    }
}
