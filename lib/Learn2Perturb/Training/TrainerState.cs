using static TorchSharp.torch;

namespace Learn2Perturb.Training;

/// <summary>
/// Everything besides the model's weights that a training run needs to continue exactly where it stopped: the epoch
/// to run next, both optimisers' momentum buffers, the global generator (noise, augmentation, PGD starts) and the
/// shuffle generator. Restoring it on a model holding the saved weights continues the same run bit for bit on a CPU.
/// Plain bytes, no tensors, so it can be kept and written anywhere.
/// </summary>
public sealed class TrainerState
{
    private const string Magic = "L2P-TRAINER-STATE-1";

    internal TrainerState(int nextEpoch, byte[] optimizers, byte[] globalRng, byte[] shuffleRng)
    {
        NextEpoch = nextEpoch;
        Optimizers = optimizers;
        GlobalRng = globalRng;
        ShuffleRng = shuffleRng;
    }

    /// <summary>The first epoch (counted from 0) still to run.</summary>
    public int NextEpoch { get; }

    internal byte[] Optimizers { get; }

    internal byte[] GlobalRng { get; }

    internal byte[] ShuffleRng { get; }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Magic);
        writer.Write(NextEpoch);
        foreach (var block in new[] { Optimizers, GlobalRng, ShuffleRng })
        {
            writer.Write(block.Length);
            writer.Write(block);
        }
    }

    /// <exception cref="InvalidDataException">The bytes are not a trainer state written by <see cref="Write"/>.</exception>
    public static TrainerState Read(BinaryReader reader)
    {
        try
        {
            if (reader.ReadString() != Magic) throw new InvalidDataException("not a trainer state (wrong header)");
            int next = reader.ReadInt32();
            if (next < 0) throw new InvalidDataException($"negative next epoch {next}");
            return new TrainerState(next, Block(reader), Block(reader), Block(reader));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("trainer state is truncated", e);
        }
    }

    private static byte[] Block(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        var bytes = length >= 0 ? reader.ReadBytes(length) : throw new InvalidDataException($"negative block length {length}");
        return bytes.Length == length ? bytes : throw new EndOfStreamException();
    }

    internal static byte[] Bytes(Generator generator)
    {
        using var state = generator.get_state();
        return state.data<byte>().ToArray();
    }

    /// <summary>
    /// The CPU global generator's state. A GPU run's CUDA generators are not captured (TorchSharp cannot read them): the
    /// trainer re-seeds them from this generator before every batch (<c>Compute.ReseedFromHost</c>), so restoring it
    /// restores their draws too; cuDNN's kernel choice can still make GPU runs differ in the last bits.
    /// </summary>
    internal static byte[] GlobalBytes()
    {
        using var state = get_rng_state();
        return state.data<byte>().ToArray();
    }

    internal static void RestoreGlobal(byte[] bytes)
    {
        using var state = tensor(bytes, dtype: ScalarType.Byte);
        set_rng_state(state);
    }

    internal static void Restore(Generator generator, byte[] bytes)
    {
        using var state = tensor(bytes, dtype: ScalarType.Byte);
        generator.set_state(state);
    }
}
