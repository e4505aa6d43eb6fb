using Learn2Perturb.Core.Native;
using TorchSharp;

namespace Learn2Perturb.Core;

/// <summary>Where tensors live and how randomness is seeded; the one place that reads L2P_DEVICE.</summary>
public static class Compute
{
    /// <summary>
    /// The training device: <c>L2P_DEVICE</c> = <c>cpu</c>, <c>cuda</c> or <c>auto</c> (default: CUDA when the
    /// CUDA backend is present and sees a GPU, otherwise CPU).
    /// </summary>
    public static torch.Device Device => device.Value;

    private static readonly Lazy<torch.Device> device = new(ChooseDevice);
    private static int mallocTuned;
    private static int interopSet;

    /// <summary>Names libtorch's CPU thread count for notebooks (the CLI has <c>--threads</c>); unset: libtorch's default.</summary>
    public const string ThreadsVariable = "L2P_THREADS";

    /// <summary>
    /// The thread count <see cref="ThreadsVariable"/> asks for, or null when it is unset. One thread is the fast choice
    /// on a machine other jobs share: libtorch's threads then spin waiting for each other (4–5× slower measured here).
    /// </summary>
    /// <exception cref="ArgumentException">The variable is set but is not a whole number ≥ 1.</exception>
    public static int? ThreadsFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
            : throw new ArgumentException($"{ThreadsVariable}='{text}' is not a thread count: expected a whole number ≥ 1, or leave it unset for libtorch's default");
    }

    /// <summary>Names whether CUDA may compute float32 matmuls and convolutions in TF32 (see <see cref="Tf32FromEnvironment"/>).</summary>
    public const string Tf32Variable = "L2P_TF32";

    /// <summary>
    /// What <see cref="Tf32Variable"/> asks for: <c>default</c> (or unset) = PyTorch 2's defaults, TF32 for cuDNN
    /// convolutions but not for matmuls, so GPU runs compare with the PyTorch anchor; <c>on</c> = both (faster on
    /// Ampere and later, 10 mantissa bits); <c>off</c> = neither (float32 throughout, as on the CPU). No effect on a CPU.
    /// </summary>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static (bool Matmul, bool Convolution) Tf32FromEnvironment() => Tf32(Environment.GetEnvironmentVariable(Tf32Variable));

    /// <summary>The TF32 settings a value of <see cref="Tf32Variable"/> names (see <see cref="Tf32FromEnvironment"/>).</summary>
    /// <exception cref="ArgumentException">Not default, on, off or empty.</exception>
    public static (bool Matmul, bool Convolution) Tf32(string? text) =>
        (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "default" => (false, true),
            "on" => (true, true),
            "off" => (false, false),
            _ => throw new ArgumentException($"{Tf32Variable}='{text}': expected default, on or off"),
        };

    /// <summary>
    /// Loads the native backend (see <see cref="TorchNative"/>), sets the CPU thread count if given, and sets TF32 for
    /// CUDA explicitly from <see cref="Tf32Variable"/> rather than leaving it to libtorch's build; each run's manifest
    /// records what was in force.
    /// </summary>
    public static void Initialize(int? threads = null)
    {
        if (Interlocked.Exchange(ref mallocTuned, 1) == 0) GlibcMalloc.TryKeepLargeBlocksInHeap();
        TorchNative.EnsureLoaded();
        if (threads is int n and > 0) torch.set_num_threads(n);
        var (matmul, convolution) = Tf32FromEnvironment();
        torch.backends.cuda.matmul.allow_tf32 = matmul;
        torch.backends.cudnn.allow_tf32 = convolution;
    }

    /// <summary>
    /// Sets libtorch's inter-op pool size, once per process: libtorch aborts the whole process (not an exception)
    /// when it is set a second time or after inter-op work started, so later calls are ignored and return false.
    /// </summary>
    public static bool TrySetInteropThreads(int threads)
    {
        Initialize();
        if (Interlocked.Exchange(ref interopSet, 1) != 0) return false;
        torch.set_num_interop_threads(threads);
        return true;
    }

    /// <summary>Seeds TorchSharp's global generator (and CUDA's): the one generator every module and attack draws from.</summary>
    public static void Seed(long seed)
    {
        Initialize();
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
    }

    /// <summary>
    /// Re-seeds <paramref name="device"/>'s generators from TorchSharp's CPU generator, so that what a GPU run draws on the
    /// device (noise, augmentation, PGD's random starts) follows the CPU generator's state, which checkpoints carry.
    /// TorchSharp 0.107 can neither read nor set a CUDA generator's state (its native layer makes CPU generators only), so
    /// a resumed GPU run re-derives the device's stream from the restored CPU state instead of restoring it. The trainer
    /// calls this before every batch on a GPU; on a CPU it does nothing and draws nothing, so CPU runs are unchanged.
    /// </summary>
    public static void ReseedFromHost(torch.Device device)
    {
        if (device.type != DeviceType.CUDA) return;
        using var seed = torch.randint(long.MaxValue, [1], dtype: torch.ScalarType.Int64, device: torch.CPU);
        torch.cuda.manual_seed_all(seed.item<long>());
    }

    /// <summary>
    /// Runs the .NET garbage collector and the finalizers it queues. The evaluators call it once per evaluation batch (each
    /// runs every attack, so a collection is lost in it); the trainer before its first batch, then after every batch on a
    /// CPU and once per <c>Trainer.BatchesPerHostRead</c> batches on a GPU. Why at all: TorchSharp's dispose-scope
    /// statistics show that every tensor a training batch makes is disposed within it (the live count returns to its
    /// baseline after each window), but native memory still waits on finalizers — TorchSharp turns every number given to
    /// an operator into a native <c>Scalar</c> that only a finalizer frees — and loading a dataset leaves ~100 MB of
    /// managed arrays behind. The GC sees a few hundred managed bytes per batch and runs rarely. Measured (ResNet-V1(8),
    /// batch 32, 100 batches, machine under load): resident memory 512–532 MiB collecting every batch, 580–690 MiB
    /// collecting every 25, 630 → 714 MiB never; one full collection ~20 ms, about 1 % of such a CPU batch but more than
    /// a whole batch on a GPU, hence the two policies.
    /// </summary>
    public static void ReleaseNativeGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static torch.Device ChooseDevice()
    {
        Initialize();
        var wanted = (Environment.GetEnvironmentVariable("L2P_DEVICE") ?? "auto").Trim().ToLowerInvariant();
        return wanted switch
        {
            "cpu" => torch.CPU,
            "cuda" => torch.cuda.is_available() ? torch.CUDA
                : throw new InvalidOperationException("L2P_DEVICE=cuda but no CUDA device is available (is the CUDA backend, TorchSharp-cuda-linux, in use?)"),
            "auto" or "" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
            _ => throw new ArgumentException($"L2P_DEVICE must be 'cpu', 'cuda' or 'auto', not '{wanted}'"),
        };
    }
}
