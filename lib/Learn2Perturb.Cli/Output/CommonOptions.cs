using System.CommandLine;

namespace Learn2Perturb.Cli.Output;

/// <summary>Options every command shares.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Make the last line of output one JSON object" };

    public static Option<int?> Threads() => new("--threads") { Description = "CPU threads for libtorch (default: libtorch's choice)" };
}
