using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Experiments;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Runs;
using Learn2Perturb.Tests.Attacks;
using Learn2Perturb.Tests.Runs;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Experiments;

/// <summary>
/// Transfer (black-box) attacks in experiments (docs/method.md §5): an AttackSpec with a Source is crafted on that separately
/// trained model, which the runner trains and loads from the same store; the target's gradients are never used.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class TransferExperimentTests : IDisposable
{
    private const double Eps = 8.0 / 255;
    private readonly TempRunStore temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>The smoke undefended model trained from <paramref name="seed"/> (seed 1: the catalog's transfer source).</summary>
    private static TransferSource Source(string name = "none-seed1", long seed = 1)
    {
        var t = ExperimentProfiles.Training(Profile.Smoke, "cifar10", "resnet-v1-20", "none");
        return new TransferSource(name, t with { Options = t.Options with { Seed = seed } });
    }

    [Fact]
    public void ASpecWithoutSourceKeepsItsJsonAndTheNameOfATransferNamesItsSource()
    {
        var pgd = AttackSpec.Pgd(Eps);
        var transfer = AttackSpec.Transfer(pgd, Source());

        Assert.DoesNotContain("source", RunJson.Canonical(pgd)); // result keys of evaluations without transfer unchanged
        Assert.Equal("pgd-7@8/255 from none-seed1", transfer.Name);
        Assert.NotEqual(ConfigHash.Of(pgd), ConfigHash.Of(transfer));
        Assert.NotEqual(ConfigHash.Of(transfer), ConfigHash.Of(AttackSpec.Transfer(pgd, Source(seed: 2)))); // the source's config, not its name, keys it
        Assert.Equal(ConfigHash.Of(transfer), ConfigHash.Of(RunJson.Deserialize<AttackSpec>(RunJson.Serialize(transfer))));
    }

    [Fact]
    public void ATransferIsCreatedOnlyWithItsSourceModelAndAWhiteBoxOnlyWithout()
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        var transfer = AttackSpec.Transfer(AttackSpec.Fgsm(Eps), Source());

        var e = Assert.Throws<InvalidOperationException>(() => transfer.Create());
        Assert.Contains("none-seed1", e.Message);
        Assert.Throws<InvalidOperationException>(() => AttackSpec.Fgsm(Eps).Create(model));
        var attack = transfer.Create(model);
        Assert.Equal("fgsm@8/255 from none-seed1", attack.Name);
        Assert.False(attack.Description.UsesGradients); // a black-box attack for the sanity checks
        var kind = Assert.Throws<ArgumentException>(() => new AttackSpec("transfer", Eps).Validate());
        Assert.Contains("AttackSpec.Transfer", kind.Message);
    }

    [Fact]
    public void TransferExamplesAreTheInnerAttacksExamplesOnTheSourceAndNeverTouchTheTarget()
    {
        using var _ = NewDisposeScope();
        using var source = TinyModels.NoisyResNet(seed: 21);
        source.SetNoise(NoiseMode.Off);
        var x = rand(4, 1, 28, 28);
        var y = randint(0, 10, 4);
        var spec = AttackSpec.Transfer(AttackSpec.Pgd(Eps), Source());

        Compute.Seed(7);
        var transferred = spec.Create(source).Perturb(new Untouchable(), x, y); // throws if the target is run at all
        Compute.Seed(7);
        var onSource = (spec with { Source = null }).Create().Perturb(source, x, y);

        Assert.True(transferred.Identical(onSource));
    }

    [Fact]
    public void AnUnknownSourceDefenceOrAMissingNameIsRefusedByName()
    {
        var source = Source();
        var made = AttackSpec.Transfer(AttackSpec.Pgd(Eps), source with { Training = source.Training with { Defense = "made-up" } });
        var e = Assert.Throws<ArgumentException>(made.Validate);
        Assert.Contains("'made-up'", e.Message);
        var unnamed = Assert.Throws<ArgumentException>(() => AttackSpec.Transfer(AttackSpec.Pgd(Eps), source with { Name = " " }).Validate());
        Assert.Equal("Name", unnamed.ParamName);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void TheRunnerTrainsTheSourceLoadsItsWeightsAndRefusesAnUntrainedOneByName()
    {
        var runner = new ExperimentRunner(temp.Store);
        var target = ExperimentCatalog.Get("blackbox/resnet-v1-20/none", Profile.Smoke);
        var evaluation = target.Evaluation with { Minimal = null, TestImages = 32 };
        var self = new TransferSource("self", target.Training);
        var config = target with { Evaluation = evaluation with { Attacks = [AttackSpec.Fgsm(Eps), AttackSpec.Transfer(AttackSpec.Fgsm(Eps), self)] } };

        // Train trains the sources first; here the source is the target's own training config: one run serves both.
        runner.Train(target with { Evaluation = evaluation });
        Assert.NotNull(temp.Store.Find(ExperimentCatalog.TransferSourceFor(Profile.Smoke).Training));
        var report = runner.Evaluate(config).Result.Report;
        // FGSM crafted on the target's own weights, loaded as a source, equals white-box FGSM on the (deterministic) target.
        Assert.Equal(report.Attacks["fgsm@8/255"], report.Attacks["fgsm@8/255 from self"]);

        var untrained = config with { Evaluation = evaluation with { Attacks = [AttackSpec.Transfer(AttackSpec.Fgsm(Eps), Source("never-trained", seed: 7))] } };
        var e = Assert.Throws<InvalidOperationException>(() => runner.Evaluate(untrained));
        Assert.Contains("transfer source 'never-trained'", e.Message);
        Assert.Contains("l2p train", e.Message);
    }

    /// <summary>A target that fails if anything runs it: a transfer attack must not.</summary>
    private sealed class Untouchable() : nn.Module<Tensor, Tensor>("untouchable")
    {
        public override Tensor forward(Tensor input) => throw new InvalidOperationException("the transfer attack ran the target model");
    }
}
