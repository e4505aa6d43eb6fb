using Learn2Perturb.Runs;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Experiments;

/// <summary>
/// A run's checkpoint as the trainer needs it: the model's state dict (TorchSharp's format: weights, θ, BatchNorm
/// statistics) and the <see cref="TrainerState"/> (epoch, optimiser momentum, generator states).
/// </summary>
internal sealed class StoredCheckpoint(byte[] weights, TrainerState state)
{
    private const string ModelSection = "model", TrainerSection = "trainer";

    public TrainerState State { get; } = state;

    public static IReadOnlyDictionary<string, byte[]> Sections(nn.Module model, TrainerState state)
    {
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, System.Text.Encoding.UTF8, leaveOpen: true)) model.save(writer);
        using var trainer = new MemoryStream();
        using (var writer = new BinaryWriter(trainer, System.Text.Encoding.UTF8, leaveOpen: true)) state.Write(writer);
        return new Dictionary<string, byte[]> { [ModelSection] = weights.ToArray(), [TrainerSection] = trainer.ToArray() };
    }

    /// <summary>The run's checkpoint, or null when it has none.</summary>
    /// <exception cref="RunFileException">The checkpoint is corrupt, truncated or lacks a section.</exception>
    public static StoredCheckpoint? Read(Run run)
    {
        var sections = run.ReadCheckpoint();
        if (sections is null) return null;
        var path = run.CheckpointPath;
        if (!sections.TryGetValue(ModelSection, out var weights) || !sections.TryGetValue(TrainerSection, out var trainer))
            throw new RunFileException(path, $"checkpoint lacks its '{ModelSection}' or '{TrainerSection}' section");
        try
        {
            using var reader = new BinaryReader(new MemoryStream(trainer));
            return new StoredCheckpoint(weights, TrainerState.Read(reader));
        }
        catch (InvalidDataException e)
        {
            throw new RunFileException(path, $"bad trainer state: {e.Message}", e);
        }
    }

    /// <exception cref="RunFileException">The weights do not fit <paramref name="model"/> (another architecture).</exception>
    public void LoadWeights(nn.Module model, string path)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(weights));
            model.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or InvalidDataException)
        {
            throw new RunFileException(path, $"the stored weights do not fit the model ({e.Message})", e);
        }
    }
}
