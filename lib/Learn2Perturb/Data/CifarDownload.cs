using System.Net;

namespace Learn2Perturb.Data;

/// <summary>
/// Fetches an official CIFAR archive into a data root: download (resuming a <c>.part</c> file) or a local tarball,
/// verification of size, SHA-256 and MD5 against <see cref="CifarManifest"/>, then extraction that never leaves a
/// half-extracted dataset looking complete. Progress goes to an <see cref="IProgress{T}"/>, never to the console.
/// </summary>
public static class CifarDownload
{
    private static readonly Lazy<HttpClient> sharedClient = new(CreateClient);

    /// <summary>Fetches <paramref name="kind"/> into <paramref name="root"/> (default <see cref="DataLocations.DefaultRoot"/>).</summary>
    /// <param name="kind">CIFAR-10 or CIFAR-100.</param>
    /// <param name="root">The data root; <c>&lt;root&gt;/cifar-10-batches-bin</c> etc. are created there.</param>
    /// <param name="fromFile">A tarball downloaded elsewhere (offline machines); it is verified, never modified.</param>
    /// <param name="progress">Bytes downloaded so far and the total when known.</param>
    /// <param name="cancellationToken">Stops the download; the <c>.part</c> file is kept for a later resume.</param>
    /// <exception cref="DataDownloadException">The host could not be reached or the transfer failed; says what to do offline.</exception>
    /// <exception cref="ChecksumMismatchException">The archive's size or hash differs from the manifest.</exception>
    public static Task<FetchResult> FetchAsync(CifarKind kind, string? root = null, string? fromFile = null,
        IProgress<(long done, long? total)>? progress = null, CancellationToken cancellationToken = default) =>
        FetchAsync(CifarManifest.Get(kind), root ?? DataLocations.DefaultRoot, fromFile, progress, sharedClient.Value, cancellationToken);

    /// <summary>Fetches any <see cref="CifarArchive"/> with the given client (tests use tiny archives and a local server).</summary>
    public static async Task<FetchResult> FetchAsync(CifarArchive archive, string root, string? fromFile,
        IProgress<(long done, long? total)>? progress, HttpClient http, CancellationToken cancellationToken = default)
    {
        root = Path.GetFullPath(root);
        Directory.CreateDirectory(root);
        if (IsComplete(archive, root)) return Result(archive, root, "already present");
        var (tarball, source) = fromFile is not null
            ? (VerifyLocal(archive, Path.GetFullPath(fromFile)), "local file")
            : await ObtainAsync(archive, root, progress, http, cancellationToken);
        TarGzExtractor.ExtractAtomically(tarball, root, archive.Directory, Cifar.AllFileNames(archive.Kind));
        return Result(archive, root, source);
    }

    /// <summary>Whether every batch file of <paramref name="kind"/> is present under <paramref name="root"/>.</summary>
    public static bool IsPresent(CifarKind kind, string? root = null) =>
        IsComplete(CifarManifest.Get(kind), Path.GetFullPath(root ?? DataLocations.DefaultRoot));

    private static bool IsComplete(CifarArchive archive, string root) =>
        Cifar.AllFileNames(archive.Kind).All(f => File.Exists(Path.Combine(root, archive.Directory, f)));

    private static FetchResult Result(CifarArchive archive, string root, string source)
    {
        var directory = Path.Combine(root, archive.Directory);
        var files = Cifar.AllFileNames(archive.Kind).Select(f => Path.Combine(directory, f)).ToList();
        return new FetchResult(archive.DatasetName, root, directory, files, archive.Sha256, source);
    }

    private static async Task<(string Tarball, string Source)> ObtainAsync(CifarArchive archive, string root,
        IProgress<(long done, long? total)>? progress, HttpClient http, CancellationToken ct)
    {
        var target = Path.Combine(root, archive.FileName);
        if (File.Exists(target))
        {
            ArchiveVerifier.Verify(archive, target, keepBadAs: target + ".bad");
            return (target, "cached archive");
        }
        var part = target + ".part";
        await DownloadAsync(archive, root, part, progress, http, ct);
        ArchiveVerifier.Verify(archive, part, keepBadAs: target + ".bad");
        File.Move(part, target, overwrite: true);
        return (target, "downloaded");
    }

    private static async Task DownloadAsync(CifarArchive archive, string root, string part,
        IProgress<(long done, long? total)>? progress, HttpClient http, CancellationToken ct)
    {
        try
        {
            await ResumableDownload.DownloadAsync(http, archive.Url, part, archive.Bytes, progress, ct);
        }
        catch (HttpRequestException e)
        {
            var what = e.StatusCode is HttpStatusCode code
                ? $"{archive.Url} answered HTTP {(int)code} {code}"
                : $"Could not reach {new Uri(archive.Url).Host} to download {archive.FileName} ({e.Message}); this machine may be offline";
            throw new DataDownloadException(archive.Url, $"{what}. {OfflineAdvice(archive, root, part)}", e);
        }
        catch (IOException e) when (File.Exists(part))
        {
            long have = new FileInfo(part).Length;
            throw new DataDownloadException(archive.Url,
                $"The download of {archive.Url} broke off after {have} of {archive.Bytes} bytes ({e.Message}). " +
                $"Run the same command again to resume from {part}. {OfflineAdvice(archive, root, part)}", e);
        }
    }

    private static string OfflineAdvice(CifarArchive archive, string root, string part) =>
        $"Download {archive.Url} on a machine with network access, then run " +
        $"`l2p data fetch {archive.DatasetName} --from <file> --root {root}`, " +
        $"or copy it to {Path.Combine(root, archive.FileName)} (a partial download placed at {part} is resumed).";

    private static string VerifyLocal(CifarArchive archive, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--from file not found: {path}", path);
        ArchiveVerifier.Verify(archive, path, keepBadAs: null);
        return path;
    }

    private static HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(20),
            AutomaticDecompression = DecompressionMethods.None, // the .tar.gz is verified byte for byte
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }; // stalls are caught per read instead
        client.DefaultRequestHeaders.UserAgent.ParseAdd("learn2perturb-workbook/1.0");
        return client;
    }
}
