using System.CommandLine;
using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;

namespace Learn2Perturb.Cli.Commands;

/// <summary>The arguments and options shared by <c>train</c>, <c>eval</c>, <c>runs</c> and <c>experiments</c>.</summary>
internal static class ExperimentOptions
{
    public static Argument<string> Experiment() =>
        new("experiment")
        {
            Description = "An experiment name, e.g. table1/resnet-v1-20/l2p (list them with `l2p experiments`), or a config file NAME.json " +
                          "(as `l2p experiments <name> --json` prints under \"config\"; its own profile applies)",
        };

    public static Option<string[]> Set() =>
        new("--set")
        {
            Description = "Change one setting of the experiment, key=value (repeatable): gamma, annealing, scheme, theta0, thetamin, sampling, " +
                          "placement, epochs, lr, seed, train-images, test-noise, test-images, repeats, or any setting's path in " +
                          "`l2p experiments NAME --json` (training.options.batch_size=64). The changed model is its own run.",
            AllowMultipleArgumentsPerToken = false,
        };

    /// <summary>
    /// A catalogue experiment under <paramref name="profile"/>, or the config in a <c>.json</c> file, with the
    /// <c>--set</c> changes of <paramref name="settings"/> applied (<see cref="ConfigOverrides"/>).
    /// </summary>
    public static ExperimentConfig Resolve(string nameOrFile, Experiments.Profile profile, IReadOnlyList<string>? settings = null)
    {
        var config = Load(nameOrFile, profile);
        return settings is { Count: > 0 } ? ConfigOverrides.Variant(config, string.Join(",", settings)) : config;
    }

    private static ExperimentConfig Load(string nameOrFile, Experiments.Profile profile)
    {
        if (!IsFile(nameOrFile)) return ExperimentCatalog.Get(nameOrFile, profile);
        var path = Path.GetFullPath(nameOrFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"experiment config file {path} does not exist", path);
        var config = RunJson.ReadFile<ExperimentConfig>(path, "experiment config", rejectUnknownKeys: true);
        config.Validate();
        return config;
    }

    /// <summary>The <c>l2p train</c> command for the experiment <paramref name="nameOrFile"/> names, in the same store.</summary>
    public static string TrainCommand(string nameOrFile, Experiments.Profile profile, string? runs, IReadOnlyList<string>? settings = null) =>
        "l2p train " + Quoted(nameOrFile) + (IsFile(nameOrFile) ? "" : $" --profile {profile.ToName()}") + (runs is null ? "" : " --runs " + Quoted(runs)) +
        string.Concat((settings ?? []).Select(s => " --set " + Quoted(s)));

    private static bool IsFile(string nameOrFile) => nameOrFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static string Quoted(string word) => word.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`') ? $"'{word.Replace("'", "'\\''")}'" : word;

    public static Option<string> Profile()
    {
        var profile = new Option<string>("--profile")
        {
            Description = "smoke (seconds, tiny model), quick (minutes, Fashion-MNIST), medium (quick at ε = 0.1, run with 3 seeds) or paper (CIFAR, the paper's settings)",
            DefaultValueFactory = _ => "quick",
        };
        profile.AcceptOnlyFromAmong("smoke", "quick", "medium", "paper");
        return profile;
    }

    public static Option<int?> Seeds()
    {
        var seeds = new Option<int?>("--seeds")
        {
            Description = "Seeds 0…N−1, each its own run and result (initialisation, data order, noise, attack starts); default 3 on medium, else 1",
        };
        seeds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var n) result.AddError($"--seeds must be a whole number ≥ 1, not {n}");
        });
        return seeds;
    }

    /// <summary>The configs of seeds 0 … N−1 (<c>--seeds</c>, else the profile's default count).</summary>
    public static IReadOnlyList<ExperimentConfig> WithSeeds(ExperimentConfig config, int? seeds) =>
        Experiments.Seeds.Of(config, seeds ?? Experiments.Seeds.DefaultCount(config.Profile));

    public static Option<string?> Runs() =>
        new("--runs") { Description = $"Run store directory (default: ${RunStore.RootVariable}, else ./runs)" };

    public static RunStore Store(string? directory) => new(directory ?? RunStore.DefaultRoot);
}
