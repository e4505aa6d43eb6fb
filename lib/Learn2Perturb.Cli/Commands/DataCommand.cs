using System.CommandLine;
using Learn2Perturb.Data;
using Spectre.Console;

namespace Learn2Perturb.Cli.Commands;

/// <summary>
/// <c>l2p data fetch &lt;cifar10|cifar100&gt; [--root DIR] [--from FILE] [--json]</c>: downloads (or takes a local
/// tarball), verifies and extracts an official CIFAR archive. Exit codes: 0 done, 1 failed, 2 unknown dataset.
/// </summary>
public static class DataCommand
{
    public const int Failed = 1;
    public const int UsageError = 2;

    private static readonly string ValidNames = string.Join(", ", Enum.GetValues<CifarKind>().Select(Cifar.DatasetName));

    public static Command Create()
    {
        var data = new Command("data", "Datasets: fetch CIFAR-10/100 (Fashion-MNIST is embedded and needs no fetch)");
        data.Subcommands.Add(CreateFetch());
        return data;
    }

    private static Command CreateFetch()
    {
        var dataset = new Argument<string>("dataset") { Description = $"Which dataset: {ValidNames}" };
        var root = new Option<string?>("--root") { Description = $"Data root (default: ${DataLocations.RootVariable}, else ~/.cache/learn2perturb/data)" };
        var from = new Option<string?>("--from") { Description = "A tarball downloaded elsewhere (offline machines)" };
        var json = new Option<bool>("--json") { Description = "End the output with one JSON object" };
        var fetch = new Command("fetch", "Download, verify (size, SHA-256, MD5) and extract an official CIFAR archive");
        fetch.Arguments.Add(dataset);
        fetch.Options.Add(root);
        fetch.Options.Add(from);
        fetch.Options.Add(json);
        fetch.SetAction((parse, ct) => RunAsync(
            new FetchRequest(parse.GetValue(dataset) ?? "", parse.GetValue(root), parse.GetValue(from), parse.GetValue(json)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return fetch;
    }

    private sealed record FetchRequest(string Dataset, string? Root, string? From, bool Json);

    private static async Task<int> RunAsync(FetchRequest request, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!Cifar.TryParse(request.Dataset, out var kind))
            return Fail(request, output, error, UsageError, $"Unknown dataset '{request.Dataset}'. Valid datasets: {ValidNames}.");
        try
        {
            var root = request.Root ?? DataLocations.DefaultRoot;
            var result = await FetchWithProgressAsync(kind, root, request.From, output, error, ct);
            Report(request, result, output);
            return 0;
        }
        catch (Exception e) when (e is DataDownloadException or ChecksumMismatchException or DataFormatException
                                      or IOException or UnauthorizedAccessException)
        {
            return Fail(request, output, error, Failed, e.Message);
        }
    }

    private static Task<FetchResult> FetchWithProgressAsync(CifarKind kind, string root, string? from,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        bool downloads = from is null && !CifarDownload.IsPresent(kind, root);
        if (downloads && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            return AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"{Cifar.DatasetName(kind)} download", maxValue: CifarManifest.Get(kind).Bytes);
                var progress = new InlineProgress(p => task.Value = p.done);
                return await CifarDownload.FetchAsync(kind, root, from, progress, ct);
            });
        // Redirected output (logs, CI): a line every 10 % on the error stream keeps stdout clean for --json.
        int lastDecile = -1;
        var lines = new InlineProgress(p =>
        {
            if (p.total is not long total || total <= 0) return;
            int decile = (int)(10 * p.done / total);
            if (decile == lastDecile) return;
            lastDecile = decile;
            error.WriteLine($"{Cifar.DatasetName(kind)}: {p.done / 1_000_000} / {total / 1_000_000} MB");
        });
        return CifarDownload.FetchAsync(kind, root, from, lines, ct);
    }

    private static void Report(FetchRequest request, FetchResult result, TextWriter output)
    {
        if (!request.Json)
        {
            output.WriteLine($"{result.Dataset}: {result.Source}, {result.Files.Count} files in {result.Directory}");
            output.WriteLine($"archive SHA-256 {result.Sha256}");
            return;
        }
        output.WriteLine(Output.Json.Serialize(new
        {
            dataset = result.Dataset,
            root = result.Root,
            directory = result.Directory,
            files = result.Files,
            sha256 = result.Sha256,
            source = result.Source,
        }));
    }

    private static int Fail(FetchRequest request, TextWriter output, TextWriter error, int code, string message)
    {
        error.WriteLine(message);
        if (request.Json)
            output.WriteLine(Output.Json.Serialize(new { dataset = request.Dataset, error = message, exitCode = code }));
        return code;
    }

    /// <summary>Reports synchronously on the caller's thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class InlineProgress(Action<(long done, long? total)> report) : IProgress<(long done, long? total)>
    {
        public void Report((long done, long? total) value) => report(value);
    }
}
