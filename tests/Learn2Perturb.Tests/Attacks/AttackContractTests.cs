using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Models;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>The shared contract of every fixed-budget attack (STYLE.md §5).</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class AttackContractTests
{
    public static TheoryData<string> Attacks() => ["fgsm", "pgd", "pgd-restarts", "eot-pgd", "eot-fgsm"];

    private static IAttack Create(string name, double epsilon) => name switch
    {
        "fgsm" => new Fgsm(new ThreatModel(epsilon)),
        "eot-fgsm" => new Fgsm(new ThreatModel(epsilon), eotSamples: 3),
        "pgd" => new Pgd(new ThreatModel(epsilon), PgdOptions.Paper),
        "pgd-restarts" => new Pgd(new ThreatModel(epsilon), new PgdOptions(Steps: 3, Restarts: 2)),
        "eot-pgd" => new Pgd(new ThreatModel(epsilon), new PgdOptions(Steps: 3, EotSamples: 3)),
        _ => throw new ArgumentException(name),
    };

    private static ResNet NoisyModel()
    {
        Compute.Seed(11);
        return ModelFactory.Create(ModelSpec.Parse("resnet-v1-8"), InputSpec.FashionMnist, new PerturbationOptions());
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void StaysInsideTheEpsilonBallAndThePixelBoxAndLeavesXAlone(string name)
    {
        using var _ = NewDisposeScope();
        using var model = NoisyModel();
        var x = rand(6, 1, 28, 28);
        x[0].fill_(0); x[1].fill_(1); // pixels at the box edges
        var original = x.clone();
        var y = randint(0, 10, 6);
        const double eps = 8.0 / 255;
        var adv = Create(name, eps).Perturb(model, x, y);
        Assert.True(x.Identical(original), "the attack mutated x");
        Assert.Equal(x.shape, adv.shape);
        Assert.True((adv - x).abs().max().item<float>() <= eps + 1e-6);
        Assert.True(adv.min().item<float>() >= 0 && adv.max().item<float>() <= 1);
        Assert.True((adv - x).abs().max().item<float>() > eps / 2, "the attack did not move");
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void EpsilonZeroIsTheIdentity(string name)
    {
        using var _ = NewDisposeScope();
        using var model = NoisyModel();
        var x = rand(4, 1, 28, 28);
        var adv = Create(name, 0).Perturb(model, x, randint(0, 10, 4));
        Assert.True(adv.Identical(x));
    }

    [Fact]
    public void AttacksRestoreTheModelsTrainMode()
    {
        using var _ = NewDisposeScope();
        using var model = NoisyModel();
        model.train();
        Create("pgd", 0.03).Perturb(model, rand(2, 1, 28, 28), randint(0, 10, 2));
        Assert.True(model.training);
    }

    [Fact]
    public void SameSeedGivesTheSameAdversarialExample()
    {
        using var _ = NewDisposeScope();
        Tensor Run()
        {
            using var model = NoisyModel(); // seeds 11, then builds
            var x = ones(3, 1, 28, 28) * 0.5;
            return Create("pgd", 8.0 / 255).Perturb(model, x, tensor(new long[] { 1, 2, 3 }));
        }
        Assert.True(Run().Identical(Run()));
    }

    [Theory]
    [InlineData(-0.1, "Epsilon")]
    [InlineData(double.NaN, "Epsilon")]
    public void InvalidThreatModelsAreRejectedByName(double epsilon, string field)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Pgd(new ThreatModel(epsilon), PgdOptions.Paper));
        Assert.Equal(field, e.ParamName);
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
}
