using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Learn2Perturb.Core.Native;

/// <summary>
/// Makes TorchSharp's native library load on every host before TorchSharp initialises.
/// On hosts whose libstdc++ lacks GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04) the packaged libLibTorchSharp.so fails to
/// load for a single, never-called symbol. There a private copy with that one requirement marked weak is written to a
/// user cache directory (the NuGet cache is never touched) and loaded by path; TorchSharp's own load by name then
/// finds it by its SONAME. Hosts that can load the packaged library are left alone.
/// </summary>
public static class TorchNative
{
    internal const string LibraryFile = "libLibTorchSharp.so";
    internal const string AnchorVersion = "GLIBCXX_3.4.32";
    private static readonly Lock Gate = new();
    private static string? loadedFrom;

    /// <summary>Where the native library was loaded from (the packaged file or the patched copy); null before loading or off Linux.</summary>
    public static string? LoadedFrom => loadedFrom;

    /// <summary>Loads the native library if needed; idempotent and thread-safe.</summary>
    /// <exception cref="TorchNativeLoadException">The library cannot be loaded; carries the dynamic loader's own message.</exception>
    public static void EnsureLoaded()
    {
        if (!OperatingSystem.IsLinux()) return;
        lock (Gate)
        {
            if (loadedFrom is not null) return;
            var original = FindPackagedLibrary();
            if (original is null) return; // not our layout (e.g. TorchSharp's own consolidation): let TorchSharp try
            loadedFrom = Load(original);
        }
    }

    private static string Load(string original)
    {
        string dir = Path.GetDirectoryName(original)!;
        PreloadLibTorch(dir);
        if (TryLoad(original, out var firstError)) return original;
        if (!firstError.Contains(AnchorVersion, StringComparison.Ordinal))
            throw new TorchNativeLoadException(original, firstError);

        string copy = WritePatchedCopy(original);
        if (TryLoad(copy, out var copyError)) return copy;
        throw new TorchNativeLoadException(copy, $"{copyError} (the packaged library failed first with: {firstError})");
    }

    /// <summary>libLibTorchSharp.so finds libtorch through $ORIGIN; a copy elsewhere needs libtorch loaded first.</summary>
    private static void PreloadLibTorch(string torchSharpDir)
    {
        foreach (var dir in LibTorchCandidates(torchSharpDir))
        {
            var libtorch = Path.Combine(dir, "libtorch.so");
            if (!File.Exists(libtorch)) continue;
            if (!TryLoad(libtorch, out var error)) throw new TorchNativeLoadException(libtorch, error);
            return;
        }
    }

    private static IEnumerable<string> LibTorchCandidates(string torchSharpDir)
    {
        yield return torchSharpDir;
        // NuGet package layout (notebooks): <root>/torchsharp/<v>/runtimes/linux-x64/native next to <root>/libtorch-*/<v>/...
        var packagesRoot = Path.GetFullPath(Path.Combine(torchSharpDir, "../../../../.."));
        if (!Directory.Exists(packagesRoot)) yield break;
        foreach (var pkg in Directory.EnumerateDirectories(packagesRoot, "libtorch-*"))
            foreach (var version in Directory.EnumerateDirectories(pkg).OrderDescending())
                yield return Path.Combine(version, "runtimes", "linux-x64", "native");
    }

    internal static string? FindPackagedLibrary()
    {
        var torchSharpDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) ?? "";
        string[] candidates =
        [
            AppContext.BaseDirectory,
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"),
            torchSharpDir,
            // A build output referenced by path (the notebooks' #r): natives sit under runtimes/ next to TorchSharp.dll.
            Path.Combine(torchSharpDir, "runtimes", "linux-x64", "native"),
            Path.Combine(torchSharpDir, "..", "..", "runtimes", "linux-x64", "native"),
        ];
        return candidates.Select(d => Path.GetFullPath(Path.Combine(d, LibraryFile))).FirstOrDefault(File.Exists);
    }

    /// <summary>Writes (once, atomically) the copy with the GLIBCXX_3.4.32 requirement marked weak.</summary>
    internal static string WritePatchedCopy(string original)
    {
        var bytes = File.ReadAllBytes(original);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        var dir = Path.Combine(CacheRoot(), "native", hash);
        var target = Path.Combine(dir, LibraryFile);
        if (File.Exists(target)) return target;
        Directory.CreateDirectory(dir);
        var temp = target + $".{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, ElfVersionNeeds.MarkWeak(bytes, AnchorVersion));
        File.Move(temp, target, overwrite: true);
        return target;
    }

    private static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var root = !string.IsNullOrEmpty(xdg) ? xdg
            : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache")
            : Path.GetTempPath();
        return Path.Combine(root, "learn2perturb");
    }

    private static bool TryLoad(string path, out string error)
    {
        try
        {
            NativeLibrary.Load(path);
            error = "";
            return true;
        }
        catch (DllNotFoundException e)
        {
            error = e.Message;
            return false;
        }
    }
}

/// <summary>TorchSharp's native library could not be loaded; the message is the dynamic loader's own.</summary>
public sealed class TorchNativeLoadException(string path, string loaderError)
    : Exception($"Could not load the native library '{path}': {loaderError}")
{
    public string LibraryPath { get; } = path;
}
