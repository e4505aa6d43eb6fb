using System.Diagnostics;

namespace Learn2Perturb.Notebooks.Tests;

/// <summary>The stock Jupyter host: Debian's jupyter-nbconvert driving the dotnet-interactive .NET (C#) kernel.</summary>
internal static class StockJupyter
{
    public const string Kernel = ".net-csharp";

    private static readonly Lazy<string?> missing = new(FindMissing);

    /// <summary>Why the stock host cannot run here (null when it can), with the command that installs what is missing.</summary>
    public static string? MissingReason => missing.Value;

    /// <summary>
    /// Runs <paramref name="command"/> with bash in <paramref name="directory"/>, as a user would type it into a fresh
    /// shell (no ~/.dotnet/tools on PATH), with <paramref name="environment"/> added.
    /// </summary>
    public static (int ExitCode, string Log) Shell(string command, string directory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = Start("bash", "-c", command);
        start.WorkingDirectory = directory;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Run(start, timeout);
    }

    private static string? FindMissing()
    {
        try
        {
            var (code, log) = Run(Start("jupyter", "kernelspec", "list"), TimeSpan.FromSeconds(60));
            if (code != 0) return $"`jupyter kernelspec list` failed (install Debian's jupyter-client, jupyter-nbconvert, python3-nbclient): {log}";
            if (!log.Contains(Kernel)) return $"the {Kernel} Jupyter kernel is not installed: run scripts/jupyter-kernel.sh";
            return Run(Start("jupyter", "nbconvert", "--version"), TimeSpan.FromSeconds(60)).ExitCode == 0 ? null
                : "jupyter nbconvert is not installed: apt-get install jupyter-nbconvert python3-nbclient";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "jupyter is not installed: apt-get install jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel";
        }
    }

    private static ProcessStartInfo Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // No ~/.dotnet/tools on PATH, as in a fresh shell: the registered kernel must start without it.
        start.Environment["PATH"] = string.Join(Path.PathSeparator, (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator).Where(dir => !dir.TrimEnd('/').EndsWith(".dotnet/tools", StringComparison.Ordinal)));
        return start;
    }

    private static (int ExitCode, string Log) Run(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout.TotalSeconds:F0} s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>A fact that is skipped, with the reason and the install command, when the stock Jupyter host is missing.</summary>
public sealed class StockJupyterFactAttribute : FactAttribute
{
    public StockJupyterFactAttribute()
    {
        if (StockJupyter.MissingReason is { } reason) Skip = reason;
    }
}
