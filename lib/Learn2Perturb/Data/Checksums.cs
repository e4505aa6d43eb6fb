using System.Security.Cryptography;

namespace Learn2Perturb.Data;

/// <summary>File hashes (lower-case hex) and <c>sha256sum</c>-style SHA256SUMS files.</summary>
public static class Checksums
{
    /// <summary>The name of the checksum list next to a dataset's files (output of <c>sha256sum *</c>).</summary>
    public const string Sha256SumsFile = "SHA256SUMS";

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>SHA-256 and MD5 in one pass over the file (large archives are read once).</summary>
    public static (string Sha256, string Md5) Sha256AndMd5(string path)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            md5.AppendData(buffer, 0, n);
        }
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()));
    }

    /// <summary>Parses <c>&lt;hash&gt;  &lt;file&gt;</c> lines (a leading <c>*</c> on the name marks binary mode and is dropped).</summary>
    public static IReadOnlyDictionary<string, string> ParseSha256Sums(string text)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int space = line.IndexOf(' ');
            if (space != 64) throw new FormatException($"not a SHA256SUMS line: '{line}'");
            sums[line[(space + 1)..].TrimStart(' ', '*')] = line[..space].ToLowerInvariant();
        }
        return sums;
    }

    /// <summary>
    /// Verifies <paramref name="fileName"/> in <paramref name="directory"/> against that directory's SHA256SUMS, when
    /// the list exists; returns whether a check was made.
    /// </summary>
    /// <exception cref="ChecksumMismatchException">The hash differs from the listed one.</exception>
    /// <exception cref="DataFormatException">SHA256SUMS exists but does not list the file.</exception>
    public static bool VerifyAgainstSums(string directory, string fileName)
    {
        var sumsPath = Path.Combine(directory, Sha256SumsFile);
        if (!File.Exists(sumsPath)) return false;
        var sums = ParseSha256Sums(File.ReadAllText(sumsPath));
        if (!sums.TryGetValue(fileName, out var expected))
            throw new DataFormatException(sumsPath, $"has no entry for {fileName}");
        var path = Path.Combine(directory, fileName);
        var actual = Sha256(path);
        if (actual != expected)
            throw new ChecksumMismatchException(path, "SHA-256", expected, actual,
                $"The file differs from the one listed in {sumsPath}; restore it (e.g. git checkout) or remove the list to skip the check.");
        return true;
    }
}
