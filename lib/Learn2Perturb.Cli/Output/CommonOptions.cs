using System.CommandLine;
using Learn2Perturb.Core;

namespace Learn2Perturb.Cli.Output;

/// <summary>Options every command shares.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Make the last line of output one JSON object" };

    public static Option<int?> Threads()
    {
        var threads = new Option<int?>("--threads") { Description = $"CPU threads for libtorch (default: ${Compute.ThreadsVariable}, else libtorch's choice)" };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var n) result.AddError($"--threads must be a whole number ≥ 1, not {n}");
        });
        return threads;
    }

    /// <summary>The thread count to run at: <c>--threads</c> when given, else <see cref="Compute.ThreadsVariable"/>, else null (libtorch's default).</summary>
    /// <exception cref="ArgumentException">The environment variable is set to something other than a whole number ≥ 1.</exception>
    public static int? ThreadCount(int? option) => option ?? Compute.ThreadsFromEnvironment();
}
