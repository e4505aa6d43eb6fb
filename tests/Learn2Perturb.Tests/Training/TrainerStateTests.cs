using Learn2Perturb.Data;
using Learn2Perturb.Models;
using Learn2Perturb.Training;

namespace Learn2Perturb.Tests.Training;

/// <summary>The trainer's resumable state: captured after every epoch, written and read back, refused when damaged.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class TrainerStateTests
{
    private static readonly TrainingOptions Options = new()
    {
        Epochs = 2, BatchSize = 16, NoiseDelay = 0, AdversarialDelay = 5, LrMilestones = [], Augment = false,
    };

    private static List<TrainerState> Fit(TrainingOptions options, TrainerState? resume = null)
    {
        Learn2Perturb.Core.Compute.Seed(0);
        using var data = new TensorDataset("tiny", TorchSharp.torch.rand(32, 1, 16, 16), TorchSharp.torch.randint(0, 10, 32), 10);
        using var model = ModelFactory.Create(ModelSpec.Parse("resnet-v1-8"), InputSpec.FashionMnist with { Height = 16, Width = 16 }, new PerturbationOptions());
        using var trainer = new Trainer(model, DefenseSpec.Learn2Perturb, options);
        var states = new List<TrainerState>();
        trainer.CheckpointDue += states.Add;
        trainer.FitFrom(data, resume);
        return states;
    }

    private static byte[] Bytes(TrainerState state)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) state.Write(writer);
        return stream.ToArray();
    }

    [Fact]
    public void AStateIsDueAfterEveryEpochAndSurvivesARoundTrip()
    {
        var states = Fit(Options);
        Assert.Equal([1, 2], states.Select(s => s.NextEpoch));
        var bytes = Bytes(states[0]);
        var back = TrainerState.Read(new BinaryReader(new MemoryStream(bytes)));
        Assert.Equal(bytes, Bytes(back));
        Assert.NotEqual(bytes, Bytes(states[1])); // momentum and generators moved on
    }

    [Fact]
    public void ATruncatedOrForeignStateIsRefused()
    {
        var bytes = Bytes(Fit(Options with { Epochs = 1 })[0]);
        Assert.Throws<InvalidDataException>(() => TrainerState.Read(new BinaryReader(new MemoryStream(bytes[..(bytes.Length - 10)]))));
        Assert.Throws<InvalidDataException>(() => TrainerState.Read(new BinaryReader(new MemoryStream("not a state at all"u8.ToArray()))));
    }

    [Fact]
    public void AStateBeyondTheLastEpochIsRejected()
    {
        var finished = Fit(Options)[^1];
        var e = Assert.Throws<ArgumentException>(() => Fit(Options with { Epochs = 1 }, finished));
        Assert.Contains("beyond the run's 1 epochs", e.Message);
    }
}
