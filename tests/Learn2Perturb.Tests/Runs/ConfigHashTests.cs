using System.Text.Json;
using System.Text.Json.Nodes;
using Learn2Perturb.Experiments;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Runs;
using Learn2Perturb.Training;

namespace Learn2Perturb.Tests.Runs;

public sealed class ConfigHashTests
{
    [Theory]
    [InlineData("table1/resnet-v1-20/l2p", Profile.Quick)]
    [InlineData("table2/resnet-v1-20-1.5x/pni", Profile.Paper)]
    [InlineData("figure5/cifar100/pgd/l2p", Profile.Smoke)]
    public void ExperimentConfigsSurviveAJsonRoundTrip(string name, Profile profile)
    {
        var config = ExperimentCatalog.Get(name, profile);
        var back = RunJson.Deserialize<ExperimentConfig>(RunJson.Serialize(config));
        Assert.Equal(RunJson.Canonical(config), RunJson.Canonical(back));
        Assert.Equal(config.Training.Options.LrMilestones, back.Training.Options.LrMilestones);
        Assert.Equal(config.Evaluation.Attacks.Select(a => a.Name), back.Evaluation.Attacks.Select(a => a.Name));
        Assert.Equal(config.Training.Options.Regularizer, back.Training.Options.Regularizer);
        Assert.Equal(config.Reported, back.Reported);
    }

    [Fact]
    public void TheSameConfigBuiltTwiceHasTheSameHash()
    {
        var a = ExperimentCatalog.Get("table1/resnet-v1-56/vanilla", Profile.Paper).Training;
        var b = ExperimentCatalog.Get("table1/resnet-v1-56/vanilla", Profile.Paper).Training;
        Assert.NotSame(a.Options.LrMilestones, b.Options.LrMilestones);
        Assert.Equal(ConfigHash.Of(a), ConfigHash.Of(b));
        Assert.Matches("^[0-9a-f]{12}$", ConfigHash.Of(a));
    }

    [Fact]
    public void AnyChangedFieldChangesTheHash()
    {
        var a = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Quick).Training;
        var variants = new[]
        {
            a with { Defense = "vanilla" },
            a with { Model = "resnet-v1-32" },
            a with { TrainImages = 8_001 },
            a with { Options = a.Options with { Seed = 1 } },
            a with { Options = a.Options with { LrMilestones = [6, 9] } },
            a with { Options = a.Options with { Regularizer = a.Options.Regularizer with { Gamma = 0 } } },
        };
        var hashes = variants.Select(ConfigHash.Of).Append(ConfigHash.Of(a)).ToList();
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    /// <summary>
    /// The printed Algorithm 1 replaced the optimiser-scaled regulariser step as the default: a run trained under the older
    /// rule (stored as <c>"scheme":"algorithm1"</c>) must read back as that rule and never share a run id with the new one.
    /// </summary>
    [Fact]
    public void TheUpdateRuleIsPartOfTheRunId()
    {
        var printed = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Quick).Training;
        Assert.Equal(UpdateScheme.Algorithm1, printed.Options.Scheme);
        var older = printed with { Options = printed.Options with { Scheme = UpdateScheme.Algorithm1ThroughOptimizer } };
        Assert.NotEqual(ConfigHash.Of(printed), ConfigHash.Of(older));
        string stored = RunJson.Serialize(older);
        Assert.Contains("\"scheme\":\"algorithm1\"", stored);
        Assert.DoesNotContain("\"scheme\":\"algorithm1\"", RunJson.Serialize(printed));
        Assert.Equal(UpdateScheme.Algorithm1ThroughOptimizer, RunJson.Deserialize<TrainingConfig>(stored).Options.Scheme);
    }

    [Fact]
    public void CanonicalJsonIgnoresKeyOrder()
    {
        var one = JsonDocument.Parse("""{"b": 1, "a": {"y": [1, 2], "x": "s"}}""").RootElement;
        var two = JsonDocument.Parse("""{"a": {"x": "s", "y": [1, 2]}, "b": 1}""").RootElement;
        Assert.Equal("""{"a":{"x":"s","y":[1,2]},"b":1}""", RunJson.Canonical(one));
        Assert.Equal(ConfigHash.Of(one), ConfigHash.Of(two));
    }

    [Fact]
    public void ExperimentsThatTrainTheSameModelShareOneRun()
    {
        var t1 = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Paper);
        var t2 = ExperimentCatalog.Get("table2/resnet-v1-20/l2p", Profile.Paper);
        Assert.Equal(ConfigHash.Of(t1.Training), ConfigHash.Of(t2.Training));
        var fgsm = ExperimentCatalog.Get("figure5/cifar100/fgsm/vanilla", Profile.Paper);
        var pgd = ExperimentCatalog.Get("figure5/cifar100/pgd/vanilla", Profile.Paper);
        Assert.Equal(ConfigHash.Of(fgsm.Training), ConfigHash.Of(pgd.Training));
        Assert.NotEqual(ConfigHash.Of(fgsm.Evaluation), ConfigHash.Of(pgd.Evaluation));
    }

    [Fact]
    public void TheNoiseGeneratorIsAlwaysPartOfTheRunId()
    {
        var philox = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Quick).Training;
        Assert.Equal(NoiseGenerator.Philox, philox.NoiseGenerator);
        var stored = JsonNode.Parse(RunJson.Canonical(philox))!.AsObject();
        Assert.Equal("philox", (string?)stored["noise_generator"]);
        stored.Remove("noise_generator"); // the same config as stored before the field existed, trained with torch's randn
        var before = ConfigHash.OfCanonical(RunJson.Canonical(stored));
        var torch = philox with { NoiseGenerator = NoiseGenerator.Torch };
        Assert.Equal(3, new[] { before, ConfigHash.Of(philox), ConfigHash.Of(torch) }.Distinct().Count());
        Assert.Equal(NoiseGenerator.Torch, RunJson.Deserialize<TrainingConfig>(RunJson.Serialize(torch)).NoiseGenerator);
    }
}
