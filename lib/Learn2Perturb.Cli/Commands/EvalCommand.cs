using System.CommandLine;
using Learn2Perturb.Cli.Output;
using Learn2Perturb.Core;
using Learn2Perturb.Evaluation;
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
        var seeds = ExperimentOptions.Seeds();
        var command = new Command("eval", "Evaluate a trained experiment (clean and attacked accuracy, mean ± std); reuses a stored result")
        {
            experiment, profile, runs, force, json, threads, set, seeds,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse.GetValue(experiment)!, Profiles.Parse(parse.GetValue(profile)!),
            parse.GetValue(runs), parse.GetValue(force), parse.GetValue(json), parse.GetValue(threads), parse.GetValue(set), parse.GetValue(seeds), cancel)));
        return command;
    }

    private static int Run(string name, Profile profile, string? runs, bool force, bool json, int? threads, string[]? settings, int? seeds, CancellationToken cancel)
    {
        Compute.Initialize(CommonOptions.ThreadCount(threads));
        var configs = ExperimentOptions.WithSeeds(ExperimentOptions.Resolve(name, profile, settings), seeds);
        profile = configs[0].Profile;
        var seedOption = configs.Count > 1 ? $" --seeds {configs.Count}" : "";
        var runner = new ExperimentRunner(ExperimentOptions.Store(runs)) { TrainCommand = _ => ExperimentOptions.TrainCommand(name, profile, runs, settings) + seedOption };
        runner.EvaluationStarted += c => Console.Error.WriteLine(
            $"eval {c.Name} ({profile.ToName()}): {c.Evaluation.Attacks.Count} attacks × {c.Evaluation.Repeats} repeats on " +
            $"{c.Evaluation.TestImages?.ToString() ?? "all"} test images, device {Compute.Device}");
        var outcomes = new List<EvaluationOutcome>();
        foreach (var config in configs)
        {
            outcomes.Add(runner.Evaluate(config, force, cancel));
            Print(outcomes[^1]);
        }
        var one = outcomes[0];
        if (outcomes.Count == 1)
        {
            if (json) Json.WriteLastLine(new { experiment = configs[0].Name, profile = profile.ToName(), run_id = one.Result.RunId, one.Reused, one.ResultPath, one.Result });
            return 0;
        }
        var across = SeededResults.Of(configs[0].Name, [.. outcomes.Select(o => o.Result)]);
        var measures = AcrossSeeds(across);
        AnsiConsole.WriteLine($"{across.Experiment} across {outcomes.Count} seeds: mean over seeds ± half-width of the 95 % t interval (a seed's value is its mean over repeats)");
        var table = new Table();
        foreach (var c in new[] { "measure", "across seeds", "per seed" }) table.AddColumn(c);
        foreach (var (measure, interval, values) in measures)
            table.AddTextRow(measure, interval.ToString(), string.Join("  ", values.Select(v => $"{v:F2}")));
        AnsiConsole.Write(table);
        if (json)
            Json.WriteLastLine(new
            {
                experiment = configs[0].Name, profile = profile.ToName(),
                seeds = outcomes.Select(o => new { run_id = o.Result.RunId, o.Reused, o.ResultPath, o.Result }),
                across_seeds = measures.ToDictionary(m => m.Measure, m => new { m.Interval.Mean, half_width = m.Interval.HasWidth ? m.Interval.HalfWidth : (double?)null, n = m.Interval.N, level = Evaluation.Interval.Level }),
            });
        return 0;
    }

    /// <summary>Clean, every attack and the worst case, each across seeds, with the per-seed values behind it.</summary>
    private static List<(string Measure, Evaluation.Interval Interval, List<double> Values)> AcrossSeeds(SeededResults across)
    {
        var picks = new List<(string, Func<EvaluationResult, double?>)> { ("clean", r => r.Report.Clean.Mean) };
        picks.AddRange(across.First.Report.Attacks.Keys.Select(label => (label, (Func<EvaluationResult, double?>)(r => r.Report.Attacks.TryGetValue(label, out var m) ? m.Mean : null))));
        picks.Add(("worst case per image", r => r.Report.WorstCase?.Mean));
        return [.. picks
            .Where(p => across.Measure(p.Item2) is not null)
            .Select(p => (p.Item1, across.Measure(p.Item2)!, across.Seeds.Select(r => p.Item2(r)!.Value).ToList()))];
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
                                  $"mean {m.DistanceMeasure} of the successes {MinimalAttackReport.DistanceText(m.MeanDistance)}, {m.Repeats} repeat(s), " +
                                  (m.SuccessDraws is { } draws ? $"success by a majority of {draws} fresh draws, " : "") + $"{m.Seconds:F0} s");
        foreach (var w in r.Report.Warnings.Concat((r.MinimalReports ?? []).SelectMany(m => m.Warnings ?? [])))
            AnsiConsole.MarkupLineInterpolated($"[yellow]warning[/]: {w}");
        if (paper?.Note is { } note) AnsiConsole.WriteLine($"Paper note: {note}.");
        AnsiConsole.WriteLine($"Re-sampled between repeats: {r.Report.Resampled}. " +
                              (outcome.Reused ? $"Stored result reused: {outcome.ResultPath}" : $"Computed in {ComputeSeconds(r):F0} s, stored: {outcome.ResultPath}"));
    }

    /// <summary>Seconds of the whole evaluation: clean and budget attacks, then every minimal attack.</summary>
    private static double ComputeSeconds(EvaluationResult r) => r.Report.Seconds + (r.MinimalReports ?? []).Sum(m => m.Seconds);

    /// <summary>The paper reports FGSM and PGD-7 at ε = 8/255 only.</summary>
    private static string PaperValue(string label, PaperNumbers? paper) => (label, paper) switch
    {
        (_, null) => "",
        ("fgsm@8/255", _) => $"{paper.Fgsm:F2}",
        ("pgd-7@8/255", _) => $"{paper.Pgd:F2}",
        _ => "",
    };
}
