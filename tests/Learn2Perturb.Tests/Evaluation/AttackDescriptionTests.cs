using Learn2Perturb.Data;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Learn2Perturb.Tests.Attacks;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Evaluation;

/// <summary>Budget attacks from their specs run through the evaluator on a noisy model, and the report says how.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class AttackDescriptionTests
{
    [Fact]
    public void TheReportRecordsEotDrawsAndFlagsExactlyTheAttacksWithoutEot()
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        using var test = new TensorDataset("t", rand(2, 1, 28, 28), tensor(new long[] { 1, 7 }), 10);
        var eps = 8.0 / 255;
        AttackSpec[] specs = [AttackSpec.Fgsm(eps), AttackSpec.Fgsm(eps) with { EotSamples = 3 }, AttackSpec.Pgd(eps, 2), AttackSpec.Pgd(eps, 2) with { EotSamples = 3 }];
        var attacks = specs.Select(s => s.Create()).ToList();
        var report = RobustnessEvaluator.Evaluate(model, test, attacks, repeats: 2);
        Assert.Equal([1, 3, 1, 3], specs.Select(s => report.AttackDescriptions[s.Name].ForwardPassesPerGradient));
        var warning = Assert.Single(report.Warnings, w => w.Check == SanityCheck.StochasticWithoutEot);
        Assert.Contains("fgsm@8/255, pgd-2@8/255 took", warning.Message);
        Assert.All(report.Attacks.Values, a => Assert.Equal(2, a.Repeats));
        Assert.Contains("noise draws and random starts of pgd-2@8/255, pgd-2-eot3@8/255", report.Resampled);
    }

    [Theory]
    [InlineData("apgd-ce")]
    [InlineData("apgd-dlr")]
    public void ApgdDescribesItsEotAndRandomStart(string kind)
    {
        var d = AttackSpec.Apgd(kind, 8.0 / 255).Create().Description;
        Assert.Equal((20, true, true), (d.ForwardPassesPerGradient, d.RandomStart, d.UsesGradients));
    }
}
