using System.CommandLine;
using Learn2Perturb.Runs;

namespace Learn2Perturb.Cli.Commands;

/// <summary>The arguments and options shared by <c>train</c>, <c>eval</c>, <c>runs</c> and <c>experiments</c>.</summary>
internal static class ExperimentOptions
{
    public static Argument<string> Experiment() =>
        new("experiment") { Description = "An experiment name, e.g. table1/resnet-v1-20/l2p (list them with `l2p experiments`)" };

    public static Option<string> Profile()
    {
        var profile = new Option<string>("--profile")
        {
            Description = "smoke (seconds, tiny model), quick (minutes, Fashion-MNIST) or paper (CIFAR, the paper's settings)",
            DefaultValueFactory = _ => "quick",
        };
        profile.AcceptOnlyFromAmong("smoke", "quick", "paper");
        return profile;
    }

    public static Option<string?> Runs() =>
        new("--runs") { Description = $"Run store directory (default: ${RunStore.RootVariable}, else ./runs)" };

    public static RunStore Store(string? directory) => new(directory ?? RunStore.DefaultRoot);
}
