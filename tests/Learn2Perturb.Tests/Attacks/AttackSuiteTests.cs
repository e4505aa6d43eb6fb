using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

[Collection(TorchRandomCollection.Name)]
public sealed class AttackSuiteTests
{
    private static IAttack[] DeterministicAttacks(double eps) =>
    [
        new Fgsm(new ThreatModel(eps)),
        new Pgd(new ThreatModel(eps), new PgdOptions(Steps: 10, StepSize: eps / 4, RandomStart: false)),
        new Apgd(new ThreatModel(eps), new ApgdOptions(Steps: 10, Loss: AttackLoss.Dlr, EotSamples: 1, RandomStart: false)),
    ];

    [Fact]
    public void WorstCaseIsAtMostEveryAttackOnItsOwn()
    {
        using var _ = NewDisposeScope();
        var (model, x, y) = TinyModels.TrainedMlp(classes: 10, n: 100);
        var attacks = DeterministicAttacks(0.045);
        var result = new AttackSuite(attacks).Run(model, x, y);
        Assert.Equal(100.0 * TinyModels.Accuracy(model, x, y), result.CleanAccuracy, 6);
        foreach (var attack in attacks)
        {
            double alone = 100.0 * TinyModels.Accuracy(model, attack.Perturb(model, x, y), y);
            Assert.True(result.WorstCaseAccuracy <= alone + 1e-9, $"suite {result.WorstCaseAccuracy} > {attack.Name} alone {alone}");
        }
        Assert.True(result.WorstCaseAccuracy < result.CleanAccuracy);
    }

    [Fact]
    public void EachAttackRunsOnTheSurvivorsOfThePrevious()
    {
        using var _ = NewDisposeScope();
        var (model, x, y) = TinyModels.TrainedMlp(classes: 10, n: 100);
        var result = new AttackSuite(DeterministicAttacks(0.045)).Run(model, x, y);
        int before = result.CleanCorrect;
        foreach (var step in result.Steps)
        {
            Assert.Equal(before, step.Attacked);
            Assert.Equal(before - step.Broken, step.RobustAfter);
            before = step.RobustAfter;
        }
        Assert.Equal(100.0 * before / result.Samples, result.WorstCaseAccuracy, 9);
        Assert.Equal(["FGSM", "PGD-10", "APGD-DLR"], result.Steps.Select(s => s.Attack));
    }

    [Fact]
    public void ASuiteNeedsDistinctAttacks()
    {
        Assert.Throws<ArgumentException>(() => new AttackSuite([]));
        var e = Assert.Throws<ArgumentException>(() => new AttackSuite([new Fgsm(ThreatModel.Paper), new Fgsm(ThreatModel.Paper)]));
        Assert.Contains("FGSM", e.Message);
    }
}
