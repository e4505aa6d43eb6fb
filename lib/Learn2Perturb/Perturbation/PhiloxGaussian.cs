using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Learn2Perturb.Core.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Learn2Perturb.Perturbation;

/// <summary>
/// N(0, 1) float32 noise on the CPU from Philox-4×32-10 (<see cref="Philox"/>, Salmon et al. 2011) and Box–Muller,
/// vectorised and spread over libtorch's thread count. Element e of a draw comes from counter ⌊e/32⌋·8 + e mod 8
/// (word ⌊(e mod 32)/8⌋) under a 64-bit key taken from torch's generator once per draw: the counter, never the thread
/// or the lane width, decides each value, so a seeded run gives the same noise at any thread count and resumes
/// bit-identically (the key comes out of the generator state that checkpoints already carry).
/// </summary>
public static class PhiloxGaussian
{
    /// <summary>Values per group: 8 counters × 4 words, the widest lane width's natural unit.</summary>
    internal const int GroupSize = 32;
    private const int GroupCounters = 8;
    /// <summary>Groups per unit of parallel work (256 KiB of output): large enough to amortise scheduling.</summary>
    private const long ChunkGroups = 2048;

    /// <summary>The widest lane width this CPU runs natively.</summary>
    internal static LaneWidth Widest =>
        Vector256.IsHardwareAccelerated ? LaneWidth.Vector256 : Vector128.IsHardwareAccelerated ? LaneWidth.Vector128 : LaneWidth.Scalar;

    /// <summary>A new float32 CPU tensor of <paramref name="shape"/> filled with N(0, 1), keyed from torch's generator.</summary>
    public static Tensor Sample(long[] shape)
    {
        ulong key = DrawKey();
        var result = empty(shape, dtype: ScalarType.Float32, device: CPU);
        unsafe { Fill((float*)DataPointer(result), result.numel(), key, get_num_threads(), Widest); }
        return result;
    }

    /// <summary>64 random bits from torch's default generator (the one <c>Compute.Seed</c> seeds and checkpoints store).</summary>
    internal static ulong DrawKey()
    {
        using var words = randint(0, 1L << 32, [2], dtype: ScalarType.Int64, device: CPU);
        var w = words.data<long>();
        return (ulong)w[0] | (ulong)w[1] << 32;
    }

    /// <summary>Fills <paramref name="destination"/> with N(0, 1) values of stream <paramref name="key"/>.</summary>
    internal static unsafe void Fill(Span<float> destination, ulong key, int threads, LaneWidth width)
    {
        fixed (float* p = destination) Fill(p, destination.Length, key, threads, width);
    }

    /// <summary>Writes <paramref name="count"/> N(0, 1) values of stream <paramref name="key"/> to <paramref name="destination"/>.</summary>
    internal static unsafe void Fill(float* destination, long count, ulong key, int threads, LaneWidth width)
    {
        long groups = (count + GroupSize - 1) / GroupSize;
        long chunks = (groups + ChunkGroups - 1) / ChunkGroups;
        var address = (nint)destination;
        if (threads <= 1 || chunks <= 1)
            for (long c = 0; c < chunks; c++) FillChunk((float*)address, count, key, c, width);
        else
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads },
                c => FillChunk((float*)address, count, key, c, width));
    }

    private static unsafe void FillChunk(float* destination, long count, ulong key, long chunk, LaneWidth width)
    {
        long fullGroups = count / GroupSize;
        long first = chunk * ChunkGroups, end = Math.Min(first + ChunkGroups, fullGroups);
        for (long g = first; g < end; g++) Group(destination + g * GroupSize, g, key, width);
        if (count % GroupSize != 0 && fullGroups / ChunkGroups == chunk)
        {
            float* tail = stackalloc float[GroupSize];
            Group(tail, fullGroups, key, width);
            long rest = count - fullGroups * GroupSize;
            new Span<float>(tail, (int)rest).CopyTo(new Span<float>(destination + fullGroups * GroupSize, (int)rest));
        }
    }

    private static unsafe void Group(float* at, long group, ulong key, LaneWidth width)
    {
        switch (width)
        {
            case LaneWidth.Vector256: Group<Lanes256, Vector256<uint>, Vector256<float>>(at, group, key); break;
            case LaneWidth.Vector128: Group<Lanes128, Vector128<uint>, Vector128<float>>(at, group, key); break;
            default: Group<ScalarLanes, uint, float>(at, group, key); break;
        }
    }

    /// <summary>Counters 8g … 8g + 7: word w of counter 8g + j lands at offset 8w + j.</summary>
    private static unsafe void Group<TL, TU, TF>(float* at, long group, ulong key) where TL : ILanes<TU, TF>
    {
        ulong counter = (ulong)group * GroupCounters;
        for (int j = 0; j < GroupCounters; j += TL.Count)
        {
            TU c0 = TL.Counters((uint)counter + (uint)j), c1 = TL.Splat((uint)(counter >> 32));
            TU c2 = TL.Splat(0u), c3 = TL.Splat(0u);
            Philox.Block<TL, TU, TF>(ref c0, ref c1, ref c2, ref c3, (uint)key, (uint)(key >> 32));
            BoxMuller.Transform<TL, TU, TF>(c0, c1, out TF z0, out TF z1);
            BoxMuller.Transform<TL, TU, TF>(c2, c3, out TF z2, out TF z3);
            TL.Store(z0, at + j);
            TL.Store(z1, at + GroupCounters + j);
            TL.Store(z2, at + 2 * GroupCounters + j);
            TL.Store(z3, at + 3 * GroupCounters + j);
        }
    }

    /// <summary>The address of a contiguous CPU tensor's first element (TorchSharp exposes no span over its storage).</summary>
    private static unsafe nint DataPointer(Tensor t)
    {
        if (!t.is_contiguous() || t.device_type != DeviceType.CPU)
            throw new ArgumentException("the noise tensor must be a contiguous CPU tensor", nameof(t));
        return ((delegate* unmanaged<nint, nint>)TensorData.Value)(t.Handle);
    }

    private static readonly Lazy<nint> TensorData = new(() =>
    {
        var library = TorchNative.LoadedFrom is { } path ? NativeLibrary.Load(path)
            : NativeLibrary.Load("LibTorchSharp", typeof(torch).Assembly, null);
        return NativeLibrary.GetExport(library, "THSTensor_data");
    });
}

/// <summary>Which lane width <see cref="PhiloxGaussian"/> computes with; all give identical values.</summary>
internal enum LaneWidth
{
    Scalar,
    Vector128,
    Vector256,
}
