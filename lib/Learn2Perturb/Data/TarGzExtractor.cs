using System.Formats.Tar;
using System.IO.Compression;

namespace Learn2Perturb.Data;

/// <summary>
/// Extracts a .tar.gz so that a killed run never leaves a half-extracted dataset looking complete: everything is
/// unpacked into a hidden staging folder under the root, checked, and only then renamed into place (one rename on
/// the same file system). Leftover staging folders from killed runs are removed on the next extraction.
/// </summary>
internal static class TarGzExtractor
{
    internal const string StagingPrefix = ".extract-";

    /// <summary>Extracts <paramref name="archivePath"/> and publishes its <paramref name="directoryName"/> folder under <paramref name="root"/>.</summary>
    /// <exception cref="DataFormatException">The archive is unreadable or lacks a required file.</exception>
    internal static void ExtractAtomically(string archivePath, string root, string directoryName, IReadOnlyList<string> requiredFiles)
    {
        RemoveStaleStaging(root, directoryName);
        var staging = Path.Combine(root, $"{StagingPrefix}{directoryName}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            Extract(archivePath, staging);
            var extracted = Path.Combine(staging, directoryName);
            var missing = requiredFiles.Where(f => !File.Exists(Path.Combine(extracted, f))).ToList();
            if (missing.Count > 0)
                throw new DataFormatException(archivePath, $"the archive lacks {string.Join(", ", missing.Select(f => $"{directoryName}/{f}"))}");
            Publish(extracted, Path.Combine(root, directoryName));
        }
        finally
        {
            TryDelete(staging);
        }
    }

    private static void Extract(string archivePath, string destination)
    {
        try
        {
            using var file = File.OpenRead(archivePath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            TarFile.ExtractToDirectory(gzip, destination, overwriteFiles: false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new DataFormatException(archivePath, $"not a readable .tar.gz archive ({e.Message})", e);
        }
    }

    // An existing folder here is incomplete (complete ones are never re-extracted): keep it aside, never delete it.
    private static void Publish(string extracted, string target)
    {
        if (Directory.Exists(target))
            Directory.Move(target, $"{target}.incomplete-{DateTime.UtcNow:yyyyMMddHHmmss}");
        Directory.Move(extracted, target);
    }

    private static void RemoveStaleStaging(string root, string directoryName)
    {
        foreach (var stale in Directory.EnumerateDirectories(root, $"{StagingPrefix}{directoryName}-*"))
            TryDelete(stale);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover staging folder is hidden, ignored by readers and removed next time
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
