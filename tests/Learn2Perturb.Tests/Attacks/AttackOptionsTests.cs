using Learn2Perturb.Attacks;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>Invalid options are rejected at construction, naming the field (docs/architecture.md §1.2, §5).</summary>
public sealed class AttackOptionsTests
{
    [Theory]
    [InlineData(-0.1, "Epsilon")]
    [InlineData(double.NaN, "Epsilon")]
    [InlineData(double.PositiveInfinity, "Epsilon")]
    public void InvalidThreatModelsAreRejectedByName(double epsilon, string field)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Pgd(new ThreatModel(epsilon), PgdOptions.Paper));
        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void AnUndefinedNormIsRejectedByName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Apgd(new ThreatModel(0.1, Norm: (Norm)7), new ApgdOptions()));
        Assert.Equal("Norm", e.ParamName);
    }

    [Theory]
    [InlineData(0, 0.01, 1, 1, "Steps")]
    [InlineData(7, 0.0, 1, 1, "StepSize")]
    [InlineData(7, 0.01, 0, 1, "Restarts")]
    [InlineData(7, 0.01, 1, 0, "EotSamples")]
    public void InvalidPgdOptionsAreRejectedByName(int steps, double stepSize, int restarts, int eot, string field)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Pgd(ThreatModel.Paper, new PgdOptions(steps, stepSize, true, restarts, eot)));
        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void FgsmRejectsZeroEotSamplesByName() =>
        Assert.Equal("EotSamples", Assert.Throws<ArgumentOutOfRangeException>(() => new Fgsm(ThreatModel.Paper, 0)).ParamName);

    public static TheoryData<ApgdOptions, string> BadApgd() => new()
    {
        { new ApgdOptions(Steps: 0), "Steps" },
        { new ApgdOptions(EotSamples: 0), "EotSamples" },
        { new ApgdOptions(Momentum: 1.5), "Momentum" },
        { new ApgdOptions(Rho: 0), "Rho" },
        { new ApgdOptions(Restarts: 0), "Restarts" },
        { new ApgdOptions(Loss: (AttackLoss)9), "Loss" },
    };

    [Theory]
    [MemberData(nameof(BadApgd))]
    public void InvalidApgdOptionsAreRejectedByName(ApgdOptions options, string field) =>
        Assert.Equal(field, Assert.Throws<ArgumentOutOfRangeException>(() => new Apgd(ThreatModel.Paper, options)).ParamName);

    public static TheoryData<CarliniWagnerOptions, string> BadCw() => new()
    {
        { new CarliniWagnerOptions(Confidence: -1), "Confidence" },
        { new CarliniWagnerOptions(InitialC: 0), "InitialC" },
        { new CarliniWagnerOptions(BinarySearchSteps: 0), "BinarySearchSteps" },
        { new CarliniWagnerOptions(Steps: 0), "Steps" },
        { new CarliniWagnerOptions(LearningRate: double.NaN), "LearningRate" },
        { new CarliniWagnerOptions(EotSamples: 0), "EotSamples" },
    };

    [Theory]
    [MemberData(nameof(BadCw))]
    public void InvalidCarliniWagnerOptionsAreRejectedByName(CarliniWagnerOptions options, string field) =>
        Assert.Equal(field, Assert.Throws<ArgumentOutOfRangeException>(() => new CarliniWagnerL2(options)).ParamName);

    public static TheoryData<FewPixelOptions, string> BadFewPixel() => new()
    {
        { new FewPixelOptions(Pixels: 0), "Pixels" },
        { new FewPixelOptions(Population: 3), "Population" },
        { new FewPixelOptions(Iterations: -1), "Iterations" },
        { new FewPixelOptions(DifferentialWeight: 0), "DifferentialWeight" },
    };

    [Theory]
    [MemberData(nameof(BadFewPixel))]
    public void InvalidFewPixelOptionsAreRejectedByName(FewPixelOptions options, string field) =>
        Assert.Equal(field, Assert.Throws<ArgumentOutOfRangeException>(() => new FewPixel(options)).ParamName);

    [Fact]
    public void ApgdCheckpointsFollowTheCroceHeinSchedule() =>
        Assert.Equal([22, 41, 57, 70, 80, 87, 93, 99], new ApgdOptions(Steps: 100).Checkpoints());

    [Fact]
    public void ApgdIsAutoAttacksRandProtocolByDefault()
    {
        var o = ApgdOptions.Rand(AttackLoss.Dlr);
        Assert.Equal((100, 20, 1, 0.75, AttackLoss.Dlr), (o.Steps, o.EotSamples, o.Restarts, o.Momentum, o.Loss));
    }
}
