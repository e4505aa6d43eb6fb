using System.Runtime.InteropServices;

namespace Learn2Perturb.Core.Native;

/// <summary>
/// Keeps large tensor buffers in the malloc heap instead of fresh mmap'd pages. glibc serves every block above
/// 32 MiB with mmap and unmaps it on free, so each batch-512 activation costs thousands of page faults (zeroed by
/// the kernel) on every forward pass; on the VMs measured this doubled step times and sys time (see l2p bench).
/// Raising the mmap and trim thresholds lets freed blocks be reused. No effect off glibc.
/// </summary>
internal static class GlibcMalloc
{
    private const int MTrimThreshold = -1; // M_TRIM_THRESHOLD (malloc.h)
    private const int MMmapThreshold = -3; // M_MMAP_THRESHOLD
    // Above the largest activation of the workbook's CPU runs (batch 512 × 16×32×32 floats = 32 MiB); measured with
    // l2p bench: 1 GiB for both bought no more speed and kept ~300 MiB more resident.
    private const int MmapThreshold = 64 << 20;
    private const int TrimThreshold = 128 << 20;

    public static bool TryKeepLargeBlocksInHeap()
    {
        if (Environment.GetEnvironmentVariable("L2P_MALLOC_TUNING") == "off") return false; // escape hatch, for comparisons
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc)) return false;
        if (!NativeLibrary.TryGetExport(libc, "mallopt", out var address)) return false;
        unsafe
        {
            var mallopt = (delegate* unmanaged<int, int, int>)address;
            // Some glibc builds cap the mmap threshold at 32 MiB (HEAP_MAX_SIZE / 2): fall back to the cap there.
            bool mmap = mallopt(MMmapThreshold, MmapThreshold) == 1 || mallopt(MMmapThreshold, 32 << 20) == 1;
            bool trim = mallopt(MTrimThreshold, TrimThreshold) == 1;
            return mmap && trim;
        }
    }
}
