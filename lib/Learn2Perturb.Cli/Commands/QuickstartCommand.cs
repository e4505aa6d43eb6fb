using System.CommandLine;
using Learn2Perturb.Cli.Output;
using Learn2Perturb.Core;
using Learn2Perturb.Experiments;
using Learn2Perturb.Training;
using Spectre.Console;
using Profile = Learn2Perturb.Experiments.Profile;

namespace Learn2Perturb.Cli.Commands;

/// <summary><c>l2p quickstart</c>: train none / vanilla / L2P on the embedded Fashion-MNIST and report robustness.</summary>
internal static class QuickstartCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "smoke (seconds) or quick (minutes)", DefaultValueFactory = _ => "quick" };
        profile.AcceptOnlyFromAmong("smoke", "quick");
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var command = new Command("quickstart", "Train no-defence, vanilla adversarial and Learn2Perturb ResNets on Fashion-MNIST; print clean/FGSM/PGD accuracy")
        {
            profile, json, threads,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(Profiles.Parse(parse.GetValue(profile)!), parse.GetValue(json), parse.GetValue(threads), cancel)));
        return command;
    }

    private static int Run(Profile profile, bool json, int? threads, CancellationToken cancel)
    {
        Compute.Initialize(CommonOptions.ThreadCount(threads));
        var quickstart = new Quickstart(profile);
        var s = quickstart.Settings;
        Console.Error.WriteLine($"quickstart ({profile.ToName()}): {s.Model.PaperName} on Fashion-MNIST, {s.TrainImages} training images × {s.Training.Epochs} epochs, " +
                                $"{s.TestImages} test images × {s.Repeats} repeats, device {Compute.Device}");
        var report = TrainingProgress.Run(
            attach => quickstart.TrainingStarted += (defense, trainer) => attach(defense.ToName(), trainer),
            () => quickstart.Run(cancel));
        PrintTable(report);
        if (json) Json.WriteLastLine(report);
        return 0;
    }

    private static void PrintTable(QuickstartReport report)
    {
        var table = new Table().Title($"Fashion-MNIST, {report.Profile} profile (accuracy %, mean ± std over repeats; ε = 8/255)");
        foreach (var c in new[] { "defence", "model", "clean", "FGSM", "PGD-7", "repeats", "train s", "eval s" }) table.AddColumn(c);
        foreach (var r in report.Rows)
            table.AddTextRow(r.Defense, r.Model, r.Clean.ToString(), r.Fgsm.ToString(), r.Pgd.ToString(), r.Repeats.ToString(),
                r.TrainSeconds.ToString("F0"), r.EvalSeconds.ToString("F0"));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine("Learned mean θ per layer (stem first): " + string.Join(" ", report.ThetaMeanPerLayer.Select(t => t.ToString("F3"))));
        AnsiConsole.WriteLine($"Re-sampled between repeats: {report.Rows.Last().Resampled}. Total {report.Seconds:F0} s.");
        foreach (var r in report.Rows)
            foreach (var w in r.Warnings) AnsiConsole.MarkupLineInterpolated($"[yellow]warning[/] ({r.Defense}): {w}");
    }
}
