using Learn2Perturb.Baselines;
using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Tests.Baselines;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class DefenseSpecTests
{
    public static TheoryData<string> Names => [.. DefenseSpec.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryDefenceBuildsAModelAndTrainsABatch(string name)
    {
        using var _ = NewDisposeScope();
        Compute.Seed(31);
        var spec = DefenseSpec.Parse(name);
        if (spec.Bayesian is not null) spec = spec with { Bayesian = spec.Bayesian with { KlWeight = 1e-3 } };
        using var model = spec.Build(TinyModels.Spec, TinyModels.Input);
        using var trainer = spec.CreateTrainer(model, TinyModels.OneStep);
        var before = TinyModels.Snapshot(model.parameters());
        var (x, y) = TinyModels.Batch();
        var (loss, correct) = trainer.TrainBatch(x, y, epoch: 0);
        Assert.True(double.IsFinite(loss), $"{name}: loss {loss}");
        Assert.InRange(correct, 0, 8);
        Assert.False(TinyModels.Same(model.parameters(), before), $"{name}: one step changed no parameter");
        Assert.Equal(name is not ("none" or "vanilla"), model.IsStochastic());
        Assert.Equal(spec.Kind != DefenseKind.None, trainer.AdversarialAt(0));
        using var logits = model.forward(x);
        Assert.Equal([8L, 10L], logits.shape);
    }

    [Fact]
    public void AnUnknownNameListsEveryValidName()
    {
        var e = Assert.Throws<ArgumentException>(() => DefenseSpec.Parse("pni-x"));
        Assert.Contains("pni-x", e.Message);
        Assert.All(DefenseSpec.Names, n => Assert.Contains(n, e.Message));
    }

    [Fact]
    public void NamesAreUniqueCaseInsensitiveAndEverySpecIsValid()
    {
        Assert.Equal(DefenseSpec.Names.Count, DefenseSpec.Names.Distinct().Count());
        Assert.Same(DefenseSpec.PniWChannel, DefenseSpec.Parse(" PNI-W-Channel "));
        Assert.All(DefenseSpec.All, s => s.Validate());
        Assert.Equal(Enum.GetValues<DefenseKind>().Order(), DefenseSpec.All.Select(s => s.Kind).Distinct().Order()); // every kind has a named defence
    }

    [Theory]
    [InlineData("l2p", "Perturbation")]
    [InlineData("pni-w", "Pni")]
    [InlineData("adv-bnn", "Bayesian")]
    [InlineData("vanilla", "Pni")]
    public void ASpecWhoseOptionsDoNotFitItsDefenceIsRejectedByField(string name, string field)
    {
        var spec = DefenseSpec.Parse(name);
        var broken = field switch
        {
            "Perturbation" => spec with { Perturbation = null },
            "Pni" => spec with { Pni = spec.Pni is null ? new PniOptions() : null },
            _ => spec with { Bayesian = null },
        };
        var e = Assert.ThrowsAny<ArgumentException>(broken.Validate);
        Assert.Equal(field, e.ParamName);
    }

    [Theory]
    [InlineData("pni-w", "vanilla")]
    [InlineData("pni-w", "adv-bnn")]
    [InlineData("adv-bnn", "pni-w")]
    [InlineData("l2p", "pni-a")]
    [InlineData("vanilla", "l2p-r")]
    public void TheTrainerRefusesAModelBuiltForAnotherDefence(string built, string trained)
    {
        using var model = DefenseSpec.Parse(built).Build(TinyModels.Spec, TinyModels.Input);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(model, DefenseSpec.Parse(trained), TinyModels.OneStep));
        Assert.Equal("model", e.ParamName);
    }

    [Fact]
    public void AdvBnnTrainsOnAdversarialExamplesOnlyAndPniAsPaperWeighted()
    {
        Assert.Equal(1, DefenseSpec.AdvBnn.Configure(TinyModels.OneStep).AdversarialWeight);
        Assert.Equal(TinyModels.OneStep.AdversarialWeight, DefenseSpec.PniW.Configure(TinyModels.OneStep).AdversarialWeight);
    }

    [Fact]
    public void BaselineNoiseIsOnFromTheFirstEpochAndL2PWaitsForTheDelay()
    {
        using var pni = DefenseSpec.PniW.Build(TinyModels.Spec, TinyModels.Input);
        using var l2p = DefenseSpec.Learn2Perturb.Build(TinyModels.Spec, TinyModels.Input);
        var options = TinyModels.OneStep with { NoiseDelay = 3 };
        using var pniTrainer = DefenseSpec.PniW.CreateTrainer(pni, options);
        using var l2pTrainer = DefenseSpec.Learn2Perturb.CreateTrainer(l2p, options);
        Assert.True(pniTrainer.NoiseOnAt(0));
        Assert.False(l2pTrainer.NoiseOnAt(2));
        Assert.True(l2pTrainer.NoiseOnAt(3));
    }

    /// <summary>
    /// ResNet-V1(20) on CIFAR-10 has the paper's 269,722 parameters, 1,376 of them BatchNorm's, in 20 weight layers
    /// (19 convolutions and the head, whose 10 biases PNI leaves alone). Each baseline adds exactly its noise parameters.
    /// </summary>
    [Theory]
    [InlineData("vanilla", 0)]
    [InlineData("pni-w", 20)]
    [InlineData("pni-a", 20)]
    [InlineData("pni-wa", 40)]
    [InlineData("pni-w-channel", 16 + 6 * 16 + 6 * 32 + 6 * 64 + 10)]
    [InlineData("pni-w-element", 269_722 - 1_376 - 10)]
    [InlineData("adv-bnn", 269_722 - 1_376)] // one log σ per weight and bias of every conv and the head
    public void EachBaselineAddsExactlyItsNoiseParameters(string name, long extra)
    {
        using var model = DefenseSpec.Parse(name).Build(ModelSpec.Parse("resnet-v1-20"), InputSpec.Cifar10);
        Assert.Equal(269_722 + extra, model.parameters().Sum(p => p.numel()));
        Assert.Equal(name.StartsWith("pni", StringComparison.Ordinal) ? extra : 0, model.AlphaParameters().Sum(p => p.numel()));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EverySpecSurvivesAJsonRoundTrip(string name)
    {
        var spec = DefenseSpec.Parse(name) with { TestTimeNoise = NoiseMode.Off };
        var json = System.Text.Json.JsonSerializer.Serialize(spec);
        var back = System.Text.Json.JsonSerializer.Deserialize<DefenseSpec>(json);
        Assert.Equal(spec, back); // value equality: the options records hold no collections
    }
}
