using Learn2Perturb.Attacks;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>
/// One name per attack: a spec is named by the attack it creates, the name tells apart every option that changes the
/// attack, and the format stored results are keyed by does not move.
/// </summary>
public sealed class AttackNameTests
{
    private const double Eps = 8.0 / 255;

    [Theory]
    [InlineData("fgsm", 1, 1, 1, "fgsm@8/255")]
    [InlineData("pgd", 7, 1, 1, "pgd-7@8/255")]
    [InlineData("pgd", 20, 5, 1, "pgd-20-r5@8/255")]
    [InlineData("pgd", 7, 1, 5, "pgd-7-eot5@8/255")]
    [InlineData("pgd-batch-eot", 7, 1, 4, "pgd-7-eot4-batch@8/255")]
    [InlineData("fgsm-batch-eot", 1, 1, 4, "fgsm-eot4-batch@8/255")]
    [InlineData("apgd-ce", 100, 1, 20, "apgd-ce-100-eot20@8/255")]
    [InlineData("apgd-dlr", 100, 2, 1, "apgd-dlr-100-r2@8/255")]
    public void TheSpecIsNamedByTheAttackItCreatesInTheStoredFormat(string kind, int steps, int restarts, int eot, string expected)
    {
        var spec = new AttackSpec(kind, Eps, steps, StepSize: 0.01, Restarts: restarts, EotSamples: eot);
        Assert.Equal(expected, spec.Name);
        Assert.Equal(expected, spec.Create().Name);
    }

    [Fact]
    public void EveryKindAndOptionThatChangesTheAttackChangesItsName()
    {
        var specs = AttackSpec.Available.SelectMany(kind => new[]
        {
            new AttackSpec(kind, Eps, 7), new AttackSpec(kind, 0.1, 7), new AttackSpec(kind, Eps, 7, EotSamples: 3),
        }).Concat(AttackSpec.Available.Where(k => !k.StartsWith("fgsm", StringComparison.Ordinal)).SelectMany(kind => new[]
        {
            new AttackSpec(kind, Eps, 20), new AttackSpec(kind, Eps, 7, Restarts: 2),
        })).ToList();
        var names = specs.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void BudgetsReadAsFractionsOf255ForLInfAndAsRadiiForL2()
    {
        Assert.Equal("pgd-7@25.5/255", AttackSpec.Pgd(0.1).Name);
        Assert.Equal("fgsm@0/255", AttackSpec.Fgsm(0).Name);
        Assert.Equal("pgd-l2-7@0.5", new Pgd(ThreatModel.L2(0.5), PgdOptions.Paper).Name);
        Assert.Equal("fgsm-l2@0.5", new Fgsm(ThreatModel.L2(0.5)).Name);
    }

    [Fact]
    public void ATransferAttackIsItsInnerAttackFromItsSource()
    {
        using var source = TorchSharp.torch.nn.Sequential(TorchSharp.torch.nn.Flatten(), TorchSharp.torch.nn.Linear(16, 3));
        var spec = AttackSpec.Transfer(AttackSpec.Pgd(Eps), new TransferSource("none-seed1", ExperimentCatalog.Get("table1/resnet-v1-20/none", Profile.Smoke).Training));
        Assert.Equal("pgd-7@8/255 from none-seed1", spec.Name);
        Assert.Equal(spec.Name, spec.Create(source).Name);
    }

    [Fact]
    public void AMinimalKindOrAnUnknownKindIsRefusedByName()
    {
        var minimal = Assert.Throws<ArgumentException>(() => new AttackSpec("cw-l2", Eps).Create());
        Assert.Contains("minimal attack", minimal.Message);
        var unknown = Assert.Throws<ArgumentException>(() => new AttackSpec("pdg", Eps).Create());
        Assert.Contains("'pdg'", unknown.Message);
        Assert.All(AttackSpec.Available, k => Assert.Contains(k, unknown.Message));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttackSpec("fgsm", Eps, Restarts: 2).Create());
    }

    [Fact]
    public void ApgdRestartsReachTheAttack() =>
        Assert.Equal(3, Assert.IsType<Apgd>(new AttackSpec("apgd-ce", Eps, 10, Restarts: 3).Create()).Options.Restarts);
}
