using System.Diagnostics;

namespace Learn2Perturb.Cluster;

/// <summary>Runs Slurm's client commands (<c>sbatch</c>, <c>scontrol</c>, <c>squeue</c>, <c>sacct</c>) and reads their output.</summary>
public static class SlurmCommands
{
    /// <summary>Standard output of <paramref name="program"/>; a failure throws with its error output.</summary>
    /// <exception cref="InvalidOperationException">The command is missing, or exits non-zero (the message has its stderr).</exception>
    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start"); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not on PATH ({e.Message}): this needs Slurm's client commands", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"`{program} {string.Join(' ', arguments)}` failed (exit {process.ExitCode}): {error.Trim()}");
            return output.Result;
        }
    }

    /// <summary>The standard output, or null when the command is missing or fails (optional information such as sacct's).</summary>
    public static string? TryRun(string program, params string[] arguments)
    {
        try { return Run(program, arguments); }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>
    /// The Slurm state of every task of <paramref name="jobs"/> (<c>123_4</c> → <c>RUNNING</c>): from <c>squeue</c>
    /// for jobs in the queue and from <c>sacct</c> where accounting is kept (finished jobs); empty when neither answers.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TaskStates(IReadOnlyList<string> jobs)
    {
        var states = new Dictionary<string, string>();
        if (jobs.Count == 0) return states;
        var list = string.Join(',', jobs);
        foreach (var line in (TryRun("sacct", "--noheader", "--parsable2", "--array", "--jobs", list, "--format=JobID,State") ?? "").Split('\n'))
        {
            var parts = line.Trim().Split('|');
            if (parts.Length == 2 && !parts[0].Contains('.')) states[parts[0]] = parts[1].Split(' ')[0];
        }
        foreach (var line in (TryRun("squeue", "--noheader", "--array", "--states=all", "--jobs", list, "--format=%i|%T") ?? "").Split('\n'))
        {
            var parts = line.Trim().Split('|');
            if (parts.Length == 2) states[parts[0]] = parts[1];
        }
        return states;
    }
}
