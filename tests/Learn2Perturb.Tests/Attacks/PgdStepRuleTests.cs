using Learn2Perturb.Attacks;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>One PGD step rule for the whole workbook: the ε sweeps, the adaptive sweeps and the attacks they create agree.</summary>
public sealed class PgdStepRuleTests
{
    [Fact]
    public void EverySweepAndAttackNameUsesOneRuleThatCanCrossTheBall()
    {
        var figure = ExperimentCatalog.Get("sweeps/cifar10/pgd/l2p", Profile.Paper).Evaluation.Attacks;
        var adaptive = AdaptiveProfiles.Epsilon(Profile.Paper, stochastic: true).Attacks;
        foreach (var spec in figure.Concat(adaptive).Where(a => a.Epsilon > 0))
        {
            Assert.Equal(PgdOptions.StepFor(spec.Epsilon, spec.Steps), spec.StepSize, 12);
            Assert.True(spec.Steps * spec.StepSize >= 2 * spec.Epsilon - 1e-12, $"{spec.Name}: {spec.Steps} steps of {spec.StepSize} cannot cross the ball");
            Assert.Equal(spec.StepSize, Assert.IsType<Pgd>(spec.Create()).Options.StepSize, 12);
        }
        foreach (var spec in AdaptiveProfiles.Steps(Profile.Paper, stochastic: true).Attacks)
            Assert.Equal(PgdOptions.StepFor(spec.Epsilon, spec.Steps), spec.StepSize, 12);
    }

    [Fact]
    public void ThePapersOwnAttackKeepsItsStepAndEveryOtherBudgetGetsMadrysRule()
    {
        Assert.Equal(0.01, PgdOptions.StepFor(8.0 / 255, 7));
        Assert.Equal(0.01, AttackSpec.Pgd(8.0 / 255).StepSize);
        Assert.Equal(0.01, Assert.IsType<Pgd>(AttackSpec.Pgd(8.0 / 255, 7).Create()).Options.StepSize);
        Assert.Equal(2.5 * (15.0 / 255) / 7, PgdOptions.StepFor(15.0 / 255, 7), 12);
        Assert.Equal(2.5 * (8.0 / 255) / 20, PgdOptions.StepFor(8.0 / 255, 20), 12);
        Assert.Equal(2.5 * 0.5 / 7, PgdOptions.StepFor(0.5, 7, Norm.L2), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => PgdOptions.StepFor(-1, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => PgdOptions.StepFor(0.1, 0));
    }
}
