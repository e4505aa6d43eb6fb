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

    /// <summary>
    /// x + θ ⊙ ε, where ε is exactly what <see cref="Sample"/> would draw for x's shape at this point of torch's generator,
    /// in one pass that never stores ε: the inference path of per-sample noise (with autograd, ε itself must be kept
    /// for θ's gradient). Element [n,c,h,w] gets ε's value of the same logical index whatever x's memory layout, so the
    /// noise of a seeded pass does not depend on whether x is NCHW or channels-last.
    /// </summary>
    /// <param name="x">Features [N,C,H,W], float32 on the CPU, dense in NCHW or channels-last order (<see cref="CanAddNoise"/>).</param>
    /// <param name="theta">θ [C,H,W], float32, contiguous.</param>
    /// <returns>A new tensor in x's layout.</returns>
    public static Tensor AddNoise(Tensor x, Tensor theta)
    {
        if (!CanAddNoise(x, theta))
            throw new ArgumentException($"AddNoise needs x [N,C,H,W] float32 on the CPU in NCHW or channels-last order and a contiguous θ of shape [C,H,W]; got x {Describe(x)}, θ {Describe(theta)}");
        ulong key = DrawKey();
        var result = empty_like(x); // keeps x's layout
        var shape = new NoiseShape(x.shape[1], x.shape[2] * x.shape[3], IsChannelsLast(x));
        unsafe
        {
            AddNoise((float*)DataPointer(x, dense: true), (float*)DataPointer(theta), (float*)DataPointer(result, dense: true),
                x.numel(), shape, key, get_num_threads(), Widest);
        }
        return result;
    }

    /// <summary>Whether <see cref="AddNoise(Tensor, Tensor)"/> takes these tensors.</summary>
    public static bool CanAddNoise(Tensor x, Tensor theta) =>
        x.device_type == DeviceType.CPU && x.dtype == ScalarType.Float32 && x.dim() == 4
        && theta.device_type == DeviceType.CPU && theta.dtype == ScalarType.Float32 && theta.is_contiguous()
        && theta.shape.SequenceEqual(x.shape[1..]) && (x.is_contiguous() || IsChannelsLast(x));

    /// <summary>Channels-last dense: strides [H·W·C, 1, W·C, C].</summary>
    internal static bool IsChannelsLast(Tensor x)
    {
        if (x.dim() != 4) return false;
        long c = x.shape[1], w = x.shape[3], h = x.shape[2];
        var s = x.stride();
        return s[1] == 1 && s[3] == c && s[2] == w * c && s[0] == h * w * c;
    }

    private static string Describe(Tensor t) => $"[{string.Join(",", t.shape)}] {t.dtype} on {t.device_type}, strides [{string.Join(",", t.stride())}]";

    /// <summary>The layout facts <see cref="AddNoise(Tensor, Tensor)"/> needs: channels C, plane size H·W, and the memory order.</summary>
    internal readonly record struct NoiseShape(long Channels, long Plane, bool ChannelsLast)
    {
        public long Sample => Channels * Plane;
    }

    /// <summary>x + θ ⊙ ε over spans, x and output of the same length (x's layout as <paramref name="shape"/> says).</summary>
    internal static unsafe void AddNoise(ReadOnlySpan<float> x, ReadOnlySpan<float> theta, Span<float> output, NoiseShape shape, ulong key, int threads, LaneWidth width)
    {
        if (output.Length != x.Length || theta.Length != shape.Sample || x.Length % shape.Sample != 0)
            throw new ArgumentException("x and the output must hold whole samples of θ's size");
        fixed (float* xp = x, tp = theta, op = output) AddNoise(xp, tp, op, x.Length, shape, key, threads, width);
    }

    internal static unsafe void AddNoise(float* x, float* theta, float* output, long count, NoiseShape shape, ulong key, int threads, LaneWidth width)
    {
        long groups = (count + GroupSize - 1) / GroupSize;
        long chunks = (groups + ChunkGroups - 1) / ChunkGroups;
        nint xa = (nint)x, ta = (nint)theta, oa = (nint)output;
        if (threads <= 1 || chunks <= 1)
            for (long c = 0; c < chunks; c++) AddNoiseChunk((float*)xa, (float*)ta, (float*)oa, count, shape, key, c, width);
        else
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads },
                c => AddNoiseChunk((float*)xa, (float*)ta, (float*)oa, count, shape, key, c, width));
    }

    private static unsafe void AddNoiseChunk(float* x, float* theta, float* output, long count, NoiseShape shape, ulong key, long chunk, LaneWidth width)
    {
        float* z = stackalloc float[GroupSize];
        long first = chunk * ChunkGroups, end = Math.Min(first + ChunkGroups, (count + GroupSize - 1) / GroupSize);
        for (long g = first; g < end; g++)
        {
            Group(z, g, key, width);
            long e = g * GroupSize;
            int length = (int)Math.Min(GroupSize, count - e);
            if (shape.ChannelsLast) AddChannelsLast(x, theta, output, z, e, length, shape);
            else AddContiguous(x, theta, output, z, e, length, shape.Sample, width);
        }
    }

    /// <summary>Logical index = memory index; θ's index is the index within the sample.</summary>
    private static unsafe void AddContiguous(float* x, float* theta, float* output, float* z, long e, int length, long sample, LaneWidth width)
    {
        long r = e % sample;
        if (width == LaneWidth.Vector256 && length == GroupSize && r + GroupSize <= sample)
        {
            for (int i = 0; i < GroupSize; i += Vector256<float>.Count)
                Vector256.Store(Vector256.FusedMultiplyAdd(Vector256.Load(theta + r + i), Vector256.Load(z + i), Vector256.Load(x + e + i)), output + e + i);
            return;
        }
        for (int i = 0; i < length; i++)
        {
            output[e + i] = MathF.FusedMultiplyAdd(theta[r], z[i], x[e + i]);
            if (++r == sample) r = 0;
        }
    }

    /// <summary>Logical [n,c,p] (p = h·W + w) lives at n·C·H·W + p·C + c.</summary>
    private static unsafe void AddChannelsLast(float* x, float* theta, float* output, float* z, long e, int length, NoiseShape shape)
    {
        long sample = shape.Sample, n0 = e / sample, r = e - n0 * sample;
        long c = r / shape.Plane, p = r - c * shape.Plane, origin = n0 * sample;
        for (int i = 0; i < length; i++)
        {
            long m = origin + p * shape.Channels + c;
            output[m] = MathF.FusedMultiplyAdd(theta[r], z[i], x[m]);
            r++;
            if (++p == shape.Plane)
            {
                p = 0;
                if (++c == shape.Channels) { c = 0; r = 0; origin += sample; }
            }
        }
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
    /// <param name="dense">Also takes a channels-last tensor (whose storage is as dense as a contiguous one).</param>
    private static unsafe nint DataPointer(Tensor t, bool dense = false)
    {
        if (!(t.is_contiguous() || dense && IsChannelsLast(t)) || t.device_type != DeviceType.CPU)
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
