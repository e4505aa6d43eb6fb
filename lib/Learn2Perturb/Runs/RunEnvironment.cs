using System.Diagnostics;
using System.Reflection;
using TorchSharp;

namespace Learn2Perturb.Runs;

/// <summary>What a manifest records about the software a run used.</summary>
internal static class RunEnvironment
{
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static string LibTorchVersion
    {
        get
        {
            try { return torch.__version__; }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or DllNotFoundException) { return "unknown"; }
        }
    }

    /// <summary>TF32 as libtorch has it now (set by <c>Compute.Initialize</c>).</summary>
    public static CudaNumerics Numerics => new(torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32);

    /// <summary>
    /// HEAD of the git checkout the library was built in (found from its assembly's directory, so a run started from
    /// anywhere records the workbook's commit), with "-dirty" for uncommitted changes; null without git or a checkout.
    /// </summary>
    public static string? GitCommit()
    {
        var head = Git("rev-parse HEAD");
        if (head is null) return null;
        var status = Git("status --porcelain --untracked-files=no");
        return string.IsNullOrEmpty(status) ? head : head + "-dirty";
    }

    private static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            });
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEndAsync();
            if (!git.WaitForExit(5000)) { git.Kill(); return null; }
            return git.ExitCode == 0 ? output.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
