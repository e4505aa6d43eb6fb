using System.CommandLine;
using Learn2Perturb.Cli.Output;
using Learn2Perturb.Core;
using Learn2Perturb.Experiments;
using Profile = Learn2Perturb.Experiments.Profile;

namespace Learn2Perturb.Cli.Commands;

/// <summary>
/// <c>l2p train &lt;experiment&gt;</c>: trains one named experiment into the run store, resuming from its last
/// checkpoint when a previous try was stopped; a finished run is not trained again.
/// </summary>
internal static class TrainCommand
{
    /// <summary>The exit code of a run stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Stopped = 130;

    private sealed record Summary(string Experiment, string Profile, string RunId, string RunDirectory, int StartEpoch, int EpochsRun,
        int Epochs, bool AlreadyComplete, double? FinalLoss, double? FinalTrainAccuracy, double Seconds);

    public static Command Create()
    {
        var experiment = ExperimentOptions.Experiment();
        var profile = ExperimentOptions.Profile();
        var runs = ExperimentOptions.Runs();
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var set = ExperimentOptions.Set();
        var seeds = ExperimentOptions.Seeds();
        var command = new Command("train", "Train a named experiment into the run store (resumes a stopped run)") { experiment, profile, runs, json, threads, set, seeds };
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse.GetValue(experiment)!, Profiles.Parse(parse.GetValue(profile)!),
            parse.GetValue(runs), parse.GetValue(json), parse.GetValue(threads), parse.GetValue(set), parse.GetValue(seeds), cancel)));
        return command;
    }

    private static int Run(string name, Profile profile, string? runs, bool json, int? threads, string[]? settings, int? seeds, CancellationToken cancel)
    {
        Compute.Initialize(CommonOptions.ThreadCount(threads));
        var configs = ExperimentOptions.WithSeeds(ExperimentOptions.Resolve(name, profile, settings), seeds);
        var runner = new ExperimentRunner(ExperimentOptions.Store(runs));
        runner.Warning += w => Console.Error.WriteLine($"l2p: warning: {w}");
        var summaries = new List<Summary>();
        foreach (var config in configs)
        {
            if (TrainOne(runner, config, json, cancel) is not { } summary) return Stopped;
            summaries.Add(summary);
        }
        if (json)
        {
            if (summaries.Count == 1) Json.WriteLastLine(summaries[0]);
            else Json.WriteLastLine(new { experiment = configs[0].Name, profile = configs[0].Profile.ToName(), seeds = summaries });
        }
        return 0;
    }

    /// <summary>Trains one seed's config and prints its outcome; null when Ctrl+C stopped it.</summary>
    private static Summary? TrainOne(ExperimentRunner runner, ExperimentConfig config, bool json, CancellationToken cancel)
    {
        var profile = config.Profile;
        var t = config.Training;
        Console.Error.WriteLine($"train {config.Name} ({profile.ToName()}): {t.Model} / {t.Defense} on {t.Dataset}, " +
                                $"{t.TrainImages?.ToString() ?? "all"} images × {t.Options.Epochs} epochs, device {Compute.Device}, store {runner.Store.Root}");
        TrainOutcome outcome;
        try
        {
            outcome = TrainingProgress.Run(
                attach => runner.TrainingStarted += (c, trainer) => attach(c.Name, trainer),
                () => runner.Train(config, cancel));
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: every finished epoch is checkpointed, so the same command continues from the last one.
            const string message = "stopped; run the same command to resume from the last finished epoch";
            Console.Error.WriteLine($"l2p: {message}");
            if (json) Json.WriteLastLine(new { error = message, exitCode = Stopped });
            return null;
        }
        var last = outcome.History.LastOrDefault();
        var summary = new Summary(config.Name, profile.ToName(), outcome.RunId, outcome.RunDirectory, outcome.StartEpoch, outcome.History.Count,
            outcome.Epochs, outcome.AlreadyComplete, last?.Loss, last?.TrainAccuracy, outcome.Seconds);
        Console.WriteLine(outcome.AlreadyComplete
            ? $"run {outcome.RunId} already trained all {outcome.Epochs} epochs: nothing to do ({outcome.RunDirectory})"
            : $"run {outcome.RunId}: epochs {outcome.StartEpoch + 1}–{outcome.Epochs} trained" +
              (outcome.StartEpoch > 0 ? $" (resumed from the checkpoint after epoch {outcome.StartEpoch})" : "") +
              $" in {outcome.Seconds:F0} s; final loss {last?.Loss:F3}, train accuracy {last?.TrainAccuracy:F1}% ({outcome.RunDirectory})");
        return summary;
    }
}
