using Learn2Perturb.Attacks;
using Learn2Perturb.Experiments;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>
/// The shared contract of every fixed-budget attack (docs/architecture.md §5), for L∞ and L2 threat models: every kind an
/// experiment can name (<see cref="AttackSpec.Available"/>, so a new kind is covered by construction), then the options
/// and geometries a spec cannot express.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class AttackContractTests
{
    public static TheoryData<string> Attacks() =>
    [
        .. AttackSpec.Available.Select(kind => "spec:" + kind),
        "pgd-paper", "pgd-restarts", "eot-pgd", "apgd-dlr-one-draw", "eot-fgsm", "fgm-l2", "pgd-l2", "eot-pgd-l2", "apgd-ce-l2", "transfer",
    ];

    private static bool IsL2(string name) => name.EndsWith("-l2", StringComparison.Ordinal);

    /// <summary>The attack under test, small enough to run in a fraction of a second on ResNet-V1(8).</summary>
    internal static IAttack Create(string name, double epsilon)
    {
        var threat = IsL2(name) ? ThreatModel.L2(epsilon) : new ThreatModel(epsilon);
        double step = IsL2(name) ? epsilon / 3 : 0.01;
        if (name.StartsWith("spec:", StringComparison.Ordinal))
        {
            var kind = name["spec:".Length..];
            return new AttackSpec(kind, epsilon, Steps: kind.StartsWith("apgd", StringComparison.Ordinal) ? 4 : 3, StepSize: 0.01, EotSamples: 2).Create();
        }
        return name switch
        {
            "fgm-l2" => new Fgsm(threat),
            "eot-fgsm" => new Fgsm(threat, eotSamples: 3),
            "pgd-paper" => new Pgd(threat, PgdOptions.Paper),
            "pgd-restarts" => new Pgd(threat, new PgdOptions(Steps: 3, Restarts: 2)),
            "eot-pgd" => new Pgd(threat, new PgdOptions(Steps: 3, EotSamples: 3)),
            "pgd-l2" => new Pgd(threat, new PgdOptions(Steps: 5, StepSize: Math.Max(step, 1e-3))),
            "eot-pgd-l2" => new Pgd(threat, new PgdOptions(Steps: 3, StepSize: Math.Max(step, 1e-3), EotSamples: 2)),
            "apgd-ce-l2" => new Apgd(threat, new ApgdOptions(Steps: 4, EotSamples: 1)),
            "apgd-dlr-one-draw" => new Apgd(threat, new ApgdOptions(Steps: 4, Loss: AttackLoss.Dlr, EotSamples: 1)),
            "transfer" => new TransferAttack(TinyModels.NoisyResNet(seed: 99), new Pgd(threat, new PgdOptions(Steps: 3))),
            _ => throw new ArgumentException(name),
        };
    }

    /// <summary>Per-sample distance in the attack's norm, shape [N].</summary>
    private static Tensor Distances(string name, Tensor adv, Tensor x) =>
        IsL2(name) ? (adv - x).flatten(1).square().sum(1).sqrt() : (adv - x).abs().flatten(1).amax([1]);

    [Theory]
    [MemberData(nameof(Attacks))]
    public void StaysInsideTheEpsilonBallAndThePixelBoxAndLeavesXAlone(string name)
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        var x = rand(6, 1, 28, 28);
        x[0].fill_(0); x[1].fill_(1); // pixels at the box edges
        var original = x.clone();
        var y = randint(0, 10, 6);
        double eps = IsL2(name) ? 0.5 : 8.0 / 255;
        var adv = Create(name, eps).Perturb(model, x, y);
        Assert.True(x.Identical(original), "the attack mutated x");
        Assert.Equal(x.shape, adv.shape);
        var distances = Distances(name, adv, x);
        Assert.True(distances.max().item<float>() <= eps * (1 + 1e-5) + 1e-6, $"left the ε-ball: {distances.max().item<float>()} > {eps}");
        Assert.True(adv.min().item<float>() >= 0 && adv.max().item<float>() <= 1);
        Assert.True(distances.max().item<float>() > eps / 2, "the attack did not move");
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void EpsilonZeroIsTheIdentity(string name)
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        var x = rand(4, 1, 28, 28);
        var adv = Create(name, 0).Perturb(model, x, randint(0, 10, 4));
        Assert.True(adv.Identical(x));
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void AttacksRestoreTheModelsTrainMode(string name)
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        model.train();
        Create(name, 0.03).Perturb(model, rand(2, 1, 28, 28), randint(0, 10, 2));
        Assert.True(model.training);
    }

    [Fact]
    public void SameSeedGivesTheSameAdversarialExample()
    {
        using var _ = NewDisposeScope();
        Tensor Run()
        {
            using var model = TinyModels.NoisyResNet(); // seeds 11, then builds
            var x = ones(3, 1, 28, 28) * 0.5;
            return Create("spec:apgd-ce", 8.0 / 255).Perturb(model, x, tensor(new long[] { 1, 2, 3 }));
        }
        Assert.True(Run().Identical(Run()));
    }
}
