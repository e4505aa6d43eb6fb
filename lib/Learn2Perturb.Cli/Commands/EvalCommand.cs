using System.CommandLine;
using Learn2Perturb.Cli.Output;
using Learn2Perturb.Core;
using Learn2Perturb.Experiments;
using Spectre.Console;
using Profile = Learn2Perturb.Experiments.Profile;

namespace Learn2Perturb.Cli.Commands;

/// <summary>
/// <c>l2p eval &lt;experiment&gt;</c>: evaluates a trained experiment's stored model (docs/method.md §5), or shows the stored
/// result of the same evaluation without recomputing it (unless <c>--force</c>). The paper's numbers sit beside ours.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var experiment = ExperimentOptions.Experiment();
        var profile = ExperimentOptions.Profile();
        var runs = ExperimentOptions.Runs();
        var force = new Option<bool>("--force") { Description = "Recompute even when a stored result exists (and replace it)" };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var set = ExperimentOptions.Set();
        var command = new Command("eval", "Evaluate a trained experiment (clean and attacked accuracy, mean ± std); reuses a stored result")
        {
            experiment, profile, runs, force, json, threads, set,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse.GetValue(experiment)!, Profiles.Parse(parse.GetValue(profile)!),
            parse.GetValue(runs), parse.GetValue(force), parse.GetValue(json), parse.GetValue(threads), parse.GetValue(set), cancel)));
        return command;
    }

    private static int Run(string name, Profile profile, string? runs, bool force, bool json, int? threads, string[]? settings, CancellationToken cancel)
    {
        Compute.Initialize(CommonOptions.ThreadCount(threads));
        var config = ExperimentOptions.Resolve(name, profile, settings);
        profile = config.Profile;
        var runner = new ExperimentRunner(ExperimentOptions.Store(runs)) { TrainCommand = _ => ExperimentOptions.TrainCommand(name, profile, runs, settings) };
        runner.EvaluationStarted += c => Console.Error.WriteLine(
            $"eval {c.Name} ({profile.ToName()}): {c.Evaluation.Attacks.Count} attacks × {c.Evaluation.Repeats} repeats on " +
            $"{c.Evaluation.TestImages?.ToString() ?? "all"} test images, device {Compute.Device}");
        var outcome = runner.Evaluate(config, force, cancel);
        Print(outcome);
        if (json) Json.WriteLastLine(new { experiment = config.Name, profile = profile.ToName(), run_id = outcome.Result.RunId, outcome.Reused, outcome.ResultPath, outcome.Result });
        return 0;
    }

    private static void Print(EvaluationOutcome outcome)
    {
        var r = outcome.Result;
        var paper = r.Reported;
        AnsiConsole.WriteLine($"{r.Experiment} ({r.Profile} profile): {r.Model} / {r.Defense}, run {r.RunId}, {r.Report.Samples} test images; " +
                              $"accuracy % as mean ± std over {r.Report.Repeats} repeats");
        var table = new Table();
        foreach (var c in new[] { "measure", "measured", "paper", "seconds" }) table.AddColumn(c);
        table.AddTextRow("clean", r.Report.Clean.ToString(), paper is null ? "" : $"{paper.Clean:F2}", "");
        foreach (var (label, value) in r.Report.Attacks)
            table.AddTextRow(label, value.ToString(), PaperValue(label, paper), r.Report.AttackSeconds.TryGetValue(label, out var s) ? $"{s:F0}" : "");
        table.AddTextRow("worst case per image", r.Report.WorstCase?.ToString() ?? "not stored (older result)", "", "");
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine("Worst case per image: correct clean and under every attack above, in the same repeat (the number to read; " +
                              "each attack's row is accuracy on its adversarial examples, as the paper computes it).");
        foreach (var m in r.MinimalReports ?? [])
            AnsiConsole.WriteLine($"{m.Attack}: success {m.SuccessRate} % of {m.Attempted} % attempted of {m.Samples} images, " +
                                  $"mean {m.DistanceMeasure} {m.MeanDistance} over successes, {m.Repeats} repeat(s), " +
                                  (m.SuccessDraws is { } draws ? $"success by a majority of {draws} fresh draws, " : "") + $"{m.Seconds:F0} s");
        foreach (var w in r.Report.Warnings.Concat((r.MinimalReports ?? []).SelectMany(m => m.Warnings ?? [])))
            AnsiConsole.MarkupLineInterpolated($"[yellow]warning[/]: {w}");
        if (paper?.Note is { } note) AnsiConsole.WriteLine($"Paper note: {note}.");
        AnsiConsole.WriteLine($"Re-sampled between repeats: {r.Report.Resampled}. " +
                              (outcome.Reused ? $"Stored result reused: {outcome.ResultPath}" : $"Computed in {r.Report.Seconds:F0} s, stored: {outcome.ResultPath}"));
    }

    /// <summary>The paper reports FGSM and PGD-7 at ε = 8/255 only.</summary>
    private static string PaperValue(string label, PaperNumbers? paper) => (label, paper) switch
    {
        (_, null) => "",
        ("fgsm@8/255", _) => $"{paper.Fgsm:F2}",
        ("pgd-7@8/255", _) => $"{paper.Pgd:F2}",
        _ => "",
    };
}
