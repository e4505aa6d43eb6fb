using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Tests.Evaluation;

public sealed class StrengthSweepTests
{
    private const double Eps = 8.0 / 255;

    /// <summary>A stored evaluation of <paramref name="attacks"/> with the given accuracy (mean, std over 3 repeats).</summary>
    internal static EvaluationResult Result(string experiment, IReadOnlyList<(AttackSpec Spec, double Mean, double Std)> attacks, string defense = "l2p") =>
        new(experiment, "quick", "run", "resnet-v1-20", defense,
            new EvaluationConfig([.. attacks.Select(a => a.Spec)], 100, 3, 50, 1),
            new RobustnessReport(new MeanStd(80, 0, 3), attacks.ToDictionary(a => a.Spec.Name, a => new MeanStd(a.Mean, a.Std, 3)), 3, 100, true, "noise", 1, 1)
            {
                AttackSeconds = attacks.ToDictionary(a => a.Spec.Name, _ => 2.0),
            },
            null, "cpu", DateTimeOffset.UnixEpoch);

    private static AttackSpec Pgd(int steps = 7, int eot = 1, int restarts = 1, double eps = Eps) => AttackSpec.Pgd(eps) with { Steps = steps, EotSamples = eot, Restarts = restarts };

    [Fact]
    public void PointsComeOutByIncreasingValueWithTheirLabelsAndTheCleanAccuracy()
    {
        var result = Result("adaptive/x/l2p/eot-samples", [(Pgd(eot: 10), 30, 1), (Pgd(), 50, 1), (Pgd(eot: 2), 40, 1)]);

        var sweep = StrengthSweeps.Of(result, "pgd", StrengthParameter.EotSamples);

        Assert.Equal("eot-samples", sweep.Parameter);
        Assert.Equal([1.0, 2, 10], sweep.Points.Select(p => p.Value));
        Assert.Equal(["pgd-7@8/255", "pgd-7-eot2@8/255", "pgd-7-eot10@8/255"], sweep.Points.Select(p => p.Attack));
        Assert.Equal([50.0, 40, 30], sweep.Points.Select(p => p.Accuracy.Mean));
        Assert.Equal(80, sweep.Clean.Mean);
        Assert.Equal(6, sweep.Seconds);
        Assert.Empty(sweep.Warnings); // falling accuracy: the check passes
    }

    [Theory]
    [InlineData(StrengthParameter.Steps)]
    [InlineData(StrengthParameter.Restarts)]
    [InlineData(StrengthParameter.EotSamples)]
    public void AStrongerAttackThatHelpsTheDefenderBeyondTheNoiseIsWarnedAbout(StrengthParameter parameter)
    {
        Func<int, AttackSpec> at = parameter switch
        {
            StrengthParameter.Steps => n => Pgd(steps: n),
            StrengthParameter.Restarts => n => Pgd(restarts: n),
            _ => n => Pgd(eot: n),
        };
        // 40 → 41 is inside the slack 2·√(1² + 1²) + 0.5 ≈ 3.3 points; 41 → 48 is not.
        var result = Result("x", [(at(1), 40, 1), (at(2), 41, 1), (at(4), 48, 1)]);

        var warning = Assert.Single(StrengthSweeps.Of(result, "pgd", parameter).Warnings);

        Assert.Equal(SanityCheck.MoreStepsHelpDefender, warning.Check);
        Assert.Contains($"at {StrengthSweeps.Name(parameter)} = 2 to 48.00 ± 1.00", warning.Message);
        Assert.Contains("41.00 ± 1.00", warning.Message);
    }

    [Fact]
    public void AnEpsilonSweepMustFallAndReachNearZero()
    {
        var falling = Result("x", [(Pgd(eps: 2 / 255.0), 60, 0), (Pgd(eps: 64 / 255.0) with { StepSize = 0.09 }, 1, 0)]);
        var stuck = Result("x", [(Pgd(eps: 2 / 255.0), 60, 0), (Pgd(eps: 64 / 255.0) with { StepSize = 0.09 }, 30, 0)]);

        Assert.Empty(StrengthSweeps.Of(falling, "pgd", StrengthParameter.Epsilon).Warnings); // the step may follow ε
        Assert.Equal(2 / 255.0, StrengthSweeps.Of(falling, "pgd", StrengthParameter.Epsilon).Points[0].Value, 12);
        var warning = Assert.Single(StrengthSweeps.Of(stuck, "pgd", StrengthParameter.Epsilon).Warnings);
        Assert.Equal(SanityCheck.AccuracyNotVanishing, warning.Check);
    }

    [Fact]
    public void AttacksDifferingInASecondFieldAreNotASweepAndTheErrorNamesThem()
    {
        var result = Result("adaptive/x", [(Pgd(eot: 1), 50, 0), (Pgd(steps: 20, eot: 2), 40, 0)]);

        Assert.False(StrengthSweeps.Holds(result, "pgd", StrengthParameter.EotSamples));
        var e = Assert.Throws<ArgumentException>(() => StrengthSweeps.Of(result, "pgd", StrengthParameter.EotSamples));
        Assert.Contains("pgd-20-eot2@8/255 and pgd-7@8/255 differ in more than eot-samples", e.Message);
    }

    [Fact]
    public void OneAttackOfAKindIsNotASweep()
    {
        var result = Result("adaptive/x", [(AttackSpec.Fgsm(Eps), 50, 0), (Pgd(), 40, 0)]);

        Assert.False(StrengthSweeps.Holds(result, "pgd", StrengthParameter.Steps));
        var e = Assert.Throws<ArgumentException>(() => StrengthSweeps.Of(result, "pgd", StrengthParameter.Steps));
        Assert.Contains("1 'pgd' attack(s), not a sweep", e.Message);
        Assert.Contains("fgsm@8/255", e.Message); // lists what the evaluation ran
    }

    [Fact]
    public void KindsAreSweptSeparately()
    {
        var result = Result("eot/x/shared", [(AttackSpec.Fgsm(Eps), 50, 0), (AttackSpec.Fgsm(Eps) with { EotSamples = 4 }, 45, 0), (Pgd(), 40, 0), (Pgd(eot: 4), 30, 0)]);

        Assert.Equal([50.0, 45], StrengthSweeps.Of(result, "fgsm", StrengthParameter.EotSamples).Points.Select(p => p.Accuracy.Mean));
        Assert.Equal([40.0, 30], StrengthSweeps.Of(result, "pgd", StrengthParameter.EotSamples).Points.Select(p => p.Accuracy.Mean));
    }
}
