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
    private const int OneGiB = 1 << 30;

    public static bool TryKeepLargeBlocksInHeap()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc)) return false;
        if (!NativeLibrary.TryGetExport(libc, "mallopt", out var address)) return false;
        unsafe
        {
            var mallopt = (delegate* unmanaged<int, int, int>)address;
            return mallopt(MMmapThreshold, OneGiB) == 1 && mallopt(MTrimThreshold, OneGiB) == 1;
        }
    }
}
