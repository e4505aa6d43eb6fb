using System.Diagnostics;
using Learn2Perturb.Cluster;

namespace Learn2Perturb.Tests.Cluster;

/// <summary>
/// The Slurm the end-to-end tests submit to: whatever <c>sinfo</c> answers, normally the single-node one that
/// <c>scripts/slurm-local.sh start</c> runs on this machine (CI starts it). Tests skip, saying why, when none answers.
/// </summary>
internal static class LocalSlurm
{
    public static readonly Lazy<string?> MissingReason = new(() =>
    {
        var nodes = SlurmCommands.TryRun("sinfo", "--noheader", "--format=%T");
        if (nodes is null) return "no Slurm answers (sinfo failed or is missing): as root, run `scripts/slurm-local.sh install && scripts/slurm-local.sh start` (CI does)";
        if (!nodes.Split('\n').Any(s => s.Trim() is "idle" or "mixed" or "allocated"))
            return $"Slurm answers but no node is up (sinfo: {nodes.Trim()}): see scripts/slurm-local.sh";
        return File.Exists(L2pDll) ? null : $"{L2pDll} is not built: build the solution first";
    });

    /// <summary>The l2p built beside these tests (same configuration), run through dotnet.</summary>
    public static string L2pDll
    {
        get
        {
            var bin = new DirectoryInfo(AppContext.BaseDirectory); // tests/Learn2Perturb.Tests/bin/<Configuration>/net10.0/
            var configuration = bin.Parent!.Name;
            var repository = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(repository, "lib", "Learn2Perturb.Cli", "bin", configuration, bin.Name, "l2p.dll");
        }
    }

    public static string L2pCommand => $"{SbatchScripts.Quote(DotnetPath)} {SbatchScripts.Quote(L2pDll)}";

    private static string DotnetPath =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs l2p here, sequentially, as the reference a cluster run must equal.</summary>
    public static void RunL2p(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(L2pDll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"l2p {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {error}{output.Result}");
    }

    /// <summary>Polls <paramref name="done"/> every second until it holds, or fails after <paramref name="timeout"/> with <paramref name="what"/>.</summary>
    public static void WaitUntil(Func<bool> done, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout) Assert.Fail($"not done after {timeout.TotalSeconds:F0} s: {what()}");
            Thread.Sleep(1000);
        }
    }

    public static void Cancel(SubmittedJobs? jobs)
    {
        if (jobs is not null) SlurmCommands.TryRun("scancel", jobs.TrainingJob, jobs.EvaluationJob);
    }
}

/// <summary>A fact that is skipped, with the reason and how to start one, when no Slurm answers.</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (LocalSlurm.MissingReason.Value is { } reason) Skip = reason;
    }
}
