using Learn2Perturb.Data;
using Learn2Perturb.Experiments;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Experiments;

/// <summary>
/// For every defence this build can train: a fresh model and trainer resumed from the checkpoint written after epoch 1
/// end with the same bytes (weights, optimiser momentum, generators) as the uninterrupted run. Small random 28×28 data
/// and ResNet-V1(8), a learning-rate milestone crossed after the resume, augmentation on (the global generator matters).
/// (A real cancellation mid-run is <see cref="ExperimentRunnerTests"/>'s.)
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class ResumeEveryDefenceTests
{
    private static TrainingConfig Config(string defense) => new("fashion-mnist", null, "resnet-v1-8", defense, new TrainingOptions
    {
        Epochs = 3, BatchSize = 8, NoiseDelay = 1, AdversarialDelay = 1, LrMilestones = [2], LearningRate = 0.05,
        AdversarialPgd = new Learn2Perturb.Attacks.PgdOptions(Steps: 1, StepSize: 0.02),
    });

    private static TensorDataset Data()
    {
        using var generator = new Generator(7);
        return new TensorDataset("random", rand(16, 1, 28, 28, generator: generator), randint(0, 10, 16, generator: generator), 10);
    }

    /// <summary>Trains <paramref name="config"/>, optionally resuming from <paramref name="from"/>; returns the sections of each epoch's checkpoint.</summary>
    private static List<IReadOnlyDictionary<string, byte[]>> Train(TrainingConfig config, IReadOnlyDictionary<string, byte[]>? from = null)
    {
        using var data = Data();
        var defense = config.ResolveDefense();
        using var model = config.BuildModel(defense, CPU);
        TrainerState? resume = null;
        if (from is not null)
        {
            using var reader = new BinaryReader(new MemoryStream(from["trainer"]));
            resume = TrainerState.Read(reader);
            new StoredCheckpoint(from["model"], resume).LoadWeights(model, "test");
        }
        using var trainer = defense.CreateTrainer(model, config.Options);
        var checkpoints = new List<IReadOnlyDictionary<string, byte[]>>();
        trainer.CheckpointDue += state => checkpoints.Add(StoredCheckpoint.Sections(model, state));
        trainer.FitFrom(data, resume);
        return checkpoints;
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("none")]
    [InlineData("vanilla")]
    [InlineData("l2p")]
    [InlineData("l2p-r")]
    [InlineData("pni-w")]
    [InlineData("adv-bnn")]
    public void ResumingAfterEpochOneEndsBitIdentical(string defense)
    {
        AssertResumeIsBitIdentical(Config(defense));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(NoiseGenerator.Philox)]
    [InlineData(NoiseGenerator.Torch)]
    public void ResumingLearn2PerturbEndsBitIdenticalWithEitherNoiseGenerator(NoiseGenerator generator) =>
        AssertResumeIsBitIdentical(Config("l2p") with { NoiseGenerator = generator });

    [Fact]
    [Trait("Category", "Slow")]
    public void TheNoiseGeneratorChangesTheTrainedModel()
    {
        var philox = Train(Config("l2p") with { Options = Config("l2p").Options with { Epochs = 2 } });
        var torch = Train(Config("l2p") with { Options = Config("l2p").Options with { Epochs = 2 }, NoiseGenerator = NoiseGenerator.Torch });
        Assert.Equal(philox[0]["model"], torch[0]["model"]); // epoch 0: noise not yet on
        Assert.NotEqual(philox[1]["model"], torch[1]["model"]);
    }

    private static void AssertResumeIsBitIdentical(TrainingConfig config)
    {
        var full = Train(config);
        Assert.Equal(3, full.Count);
        var resumed = Train(config, from: full[1]);
        Assert.Single(resumed);
        Assert.Equal(full[^1]["model"], resumed[^1]["model"]);
        Assert.Equal(full[^1]["trainer"], resumed[^1]["trainer"]);
    }
}
