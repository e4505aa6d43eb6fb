using System.CommandLine;
using System.Diagnostics;
using Learn2Perturb.Cli.Output;
using Learn2Perturb.Core;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Spectre.Console;
using Profile = Learn2Perturb.Experiments.Profile;

namespace Learn2Perturb.Cli.Commands;

/// <summary>
/// <c>l2p quickstart</c>: Table 1's none / vanilla / L2P cells of ResNet-V1(20) (<see cref="Quickstart"/>), trained and
/// evaluated through the run store, with the paper's numbers beside ours and the learned θ.
/// </summary>
internal static class QuickstartCommand
{
    private sealed record Row(string Defense, string Model, string Experiment, string RunId, MeanStd Clean, MeanStd Fgsm, MeanStd Pgd, MeanStd? WorstCase,
        int Repeats, bool Trained, double TrainSeconds, bool Reused, double EvalSeconds, string Resampled, IReadOnlyList<SanityWarning> Warnings, PaperNumbers? Paper);

    private sealed record Report(string Profile, string Dataset, int? TrainImages, int? TestImages, int Epochs, string Store,
        IReadOnlyList<Row> Rows, IReadOnlyList<double> ThetaMeanPerLayer, double Seconds);

    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "smoke (seconds) or quick (minutes)", DefaultValueFactory = _ => "quick" };
        profile.AcceptOnlyFromAmong("smoke", "quick");
        var runs = ExperimentOptions.Runs();
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var command = new Command("quickstart", "Train no-defence, vanilla adversarial and Learn2Perturb ResNets on Fashion-MNIST; print clean/FGSM/PGD accuracy")
        {
            profile, runs, json, threads,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(Profiles.Parse(parse.GetValue(profile)!), parse.GetValue(runs), parse.GetValue(json),
            parse.GetValue(threads), cancel)));
        return command;
    }

    private static int Run(Profile profile, string? runs, bool json, int? threads, CancellationToken cancel)
    {
        Compute.Initialize(CommonOptions.ThreadCount(threads));
        var clock = Stopwatch.StartNew();
        var configs = Quickstart.Configs(profile);
        var runner = new ExperimentRunner(ExperimentOptions.Store(runs));
        runner.Warning += w => Console.Error.WriteLine($"l2p: warning: {w}");
        var t = configs[0].Training;
        var e = configs[0].Evaluation;
        Console.Error.WriteLine($"quickstart ({profile.ToName()}): {t.Model} on {t.Dataset}, {t.TrainImages?.ToString() ?? "all"} training images × {t.Options.Epochs} epochs, " +
                                $"{e.TestImages?.ToString() ?? "all"} test images × {e.Repeats} repeats, device {Compute.Device}, store {runner.Store.Root}");
        var rows = new List<Row>();
        foreach (var config in configs)
        {
            var trained = TrainingProgress.Run(attach => runner.TrainingStarted += (c, trainer) => attach(c.Name, trainer), () => runner.Train(config, cancel));
            var evaluated = runner.Evaluate(config, force: false, cancel);
            var r = evaluated.Result;
            var fgsm = r.Config.Attacks.First(a => a.Kind == "fgsm").Name;
            var pgd = r.Config.Attacks.First(a => a.Kind == "pgd" && a.EotSamples == 1).Name;
            rows.Add(new Row(r.Defense, r.Model, config.Name, r.RunId, r.Report.Clean, r.Report.Attacks[fgsm], r.Report.Attacks[pgd], r.Report.WorstCase,
                r.Report.Repeats, !trained.AlreadyComplete, trained.Seconds, evaluated.Reused, r.Report.Seconds, r.Report.Resampled, r.Report.Warnings, r.Reported));
        }
        var theta = TrainingHistory.Of(runner.Store, configs[^1]) is { Count: > 0 } history ? history[^1].ThetaMeanPerModule : [];
        var report = new Report(profile.ToName(), t.Dataset, t.TrainImages, e.TestImages, t.Options.Epochs, runner.Store.Root, rows, theta, clock.Elapsed.TotalSeconds);
        Print(report);
        if (json) Json.WriteLastLine(report);
        return 0;
    }

    private static void Print(Report report)
    {
        var table = new Table().Title($"{report.Dataset}, {report.Profile} profile (accuracy %, mean ± std over repeats; ε = 8/255); paper: Table 1, CIFAR-10");
        foreach (var c in new[] { "defence", "model", "clean", "FGSM", "PGD-7", "worst case", "paper clean / FGSM / PGD", "train s", "eval s" }) table.AddColumn(c);
        foreach (var r in report.Rows)
            table.AddTextRow(r.Defense, r.Model, r.Clean.ToString(), r.Fgsm.ToString(), r.Pgd.ToString(), r.WorstCase?.ToString() ?? "",
                r.Paper is { } p ? $"{p.Clean:F2} / {p.Fgsm:F2} / {p.Pgd:F2}" : "",
                r.Trained ? r.TrainSeconds.ToString("F0") : "stored", r.Reused ? "stored" : r.EvalSeconds.ToString("F0"));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine("Learned mean θ per layer (stem first): " + string.Join(" ", report.ThetaMeanPerLayer.Select(t => t.ToString("F3"))));
        AnsiConsole.WriteLine($"Re-sampled between repeats: {report.Rows[^1].Resampled}. Runs in {report.Store} ({string.Join(", ", report.Rows.Select(r => r.RunId))}); " +
                              $"total {report.Seconds:F0} s. One seed per defence: differences of a point or two are within the spread of retrained models " +
                              "(notebook 01 runs seeds and intervals).");
        foreach (var r in report.Rows)
            foreach (var w in r.Warnings) AnsiConsole.MarkupLineInterpolated($"[yellow]warning[/] ({r.Defense}): {w}");
    }
}
