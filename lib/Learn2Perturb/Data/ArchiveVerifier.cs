namespace Learn2Perturb.Data;

/// <summary>Checks a tarball's size, SHA-256 and MD5 against its <see cref="CifarArchive"/> entry.</summary>
internal static class ArchiveVerifier
{
    /// <summary>
    /// Throws <see cref="ChecksumMismatchException"/> on any difference. With <paramref name="keepBadAs"/>, a bad file
    /// is renamed there first (nothing is deleted; the next run downloads afresh).
    /// </summary>
    internal static void Verify(CifarArchive archive, string path, string? keepBadAs)
    {
        long size = new FileInfo(path).Length;
        if (size != archive.Bytes)
            Fail(archive, path, keepBadAs, "size", $"{archive.Bytes} bytes", $"{size} bytes");
        var (sha256, md5) = Checksums.Sha256AndMd5(path);
        if (sha256 != archive.Sha256) Fail(archive, path, keepBadAs, "SHA-256", archive.Sha256, sha256);
        if (archive.Md5 is not null && md5 != archive.Md5) Fail(archive, path, keepBadAs, "MD5", archive.Md5, md5);
    }

    private static void Fail(CifarArchive archive, string path, string? keepBadAs, string algorithm, string expected, string actual)
    {
        if (keepBadAs is null)
            throw new ChecksumMismatchException(path, algorithm, expected, actual,
                $"It is not the official {archive.FileName} from {archive.Url}.");
        File.Move(path, keepBadAs, overwrite: true);
        throw new ChecksumMismatchException(keepBadAs, algorithm, expected, actual,
            $"The file was kept as {keepBadAs}; run the command again to download {archive.Url} afresh.");
    }
}
