using System.CommandLine;
using System.Text.Json;
using Learn2Perturb.Cli.Output;
using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;
using Spectre.Console;

namespace Learn2Perturb.Cli.Commands;

/// <summary><c>l2p runs list|show</c>: what the run store holds.</summary>
internal static class RunsCommand
{
    private sealed record Row(string Id, string? Experiment, string? Profile, string? Model, string? Defense, int EpochsLogged, int? Epochs,
        bool HasCheckpoint, IReadOnlyList<string> Results, string? Created, string? Diverged, string? Error);

    public static Command Create()
    {
        var command = new Command("runs", "Inspect the run store: list runs, show one run's manifest, metrics and results");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateShow());
        return command;
    }

    private static Command CreateList()
    {
        var runs = ExperimentOptions.Runs();
        var json = CommonOptions.Json();
        var list = new Command("list", "One line per run: experiment, model, defence, epochs, results") { runs, json };
        list.SetAction(parse => List(ExperimentOptions.Store(parse.GetValue(runs)), parse.GetValue(json)));
        return list;
    }

    private static Command CreateShow()
    {
        var id = new Argument<string>("id") { Description = "A run id or a unique prefix of one" };
        var runs = ExperimentOptions.Runs();
        var json = CommonOptions.Json();
        var show = new Command("show", "A run's manifest, per-epoch metrics and stored evaluation results") { id, runs, json };
        show.SetAction(parse => Show(ExperimentOptions.Store(parse.GetValue(runs)), parse.GetValue(id)!, parse.GetValue(json)));
        return show;
    }

    private static int List(RunStore store, bool json)
    {
        var rows = store.List().Select(Describe).ToList();
        var table = new Table().Title($"{rows.Count} runs in {store.Root}");
        foreach (var c in new[] { "id", "experiment", "profile", "model", "defence", "epochs", "checkpoint", "results", "problem" }) table.AddColumn(c);
        foreach (var r in rows)
            table.AddTextRow(r.Id, r.Experiment ?? "", r.Profile ?? "", r.Model ?? "", r.Defense ?? "", $"{r.EpochsLogged}/{r.Epochs?.ToString() ?? "?"}",
                r.HasCheckpoint ? "yes" : "no", r.Results.Count.ToString(), r.Error ?? r.Diverged ?? "");
        AnsiConsole.Write(table);
        if (json) Json.WriteLastLine(new { root = store.Root, runs = rows });
        return 0;
    }

    private static int Show(RunStore store, string id, bool json)
    {
        var run = store.Get(id);
        var metrics = run.ReadMetrics();
        var results = run.ResultKeys().ToDictionary(k => k, k => run.TryReadResult<EvaluationResult>(k, out var r) ? r : null);
        var m = run.Manifest;
        AnsiConsole.WriteLine($"run {m.Id} ({run.Directory})");
        AnsiConsole.WriteLine($"experiment {m.Experiment}, profile {m.Profile}, seed {m.Seed}, created {m.Created:u} on {m.Device}{(m.Threads is { } t ? $" ({t} threads)" : "")}");
        AnsiConsole.WriteLine($"git {m.GitCommit ?? "unknown"}, TorchSharp {m.TorchSharpVersion}, libtorch {m.LibTorchVersion}" +
                              (m.Numerics is { } n ? $", CUDA TF32 matmul {(n.Tf32Matmul ? "on" : "off")} / convolution {(n.Tf32Convolution ? "on" : "off")}" : ""));
        AnsiConsole.WriteLine($"config {m.Config.GetRawText()}");
        if (m.ResumedThreads is { Count: > 0 } resumed) AnsiConsole.WriteLine($"resumed at other thread counts: {string.Join(", ", resumed)}");
        if (m.Diverged is { } diverged) AnsiConsole.MarkupLineInterpolated($"[red]{diverged}[/]: the checkpoint is the last finite epoch's; no accuracy is reported");
        var table = new Table().Title($"{metrics.Count} epochs logged");
        foreach (var c in new[] { "epoch", "loss", "train acc %", "lr", "noise", "adv", "s" }) table.AddColumn(c);
        foreach (var e in metrics)
            table.AddTextRow((Int(e, "epoch") + 1).ToString(), $"{Num(e, "loss"):F3}", $"{Num(e, "train_accuracy"):F1}", $"{Num(e, "learning_rate"):G3}",
                Flag(e, "noise_on"), Flag(e, "adversarial"), $"{Num(e, "seconds"):F0}");
        AnsiConsole.Write(table);
        foreach (var (key, r) in results)
            AnsiConsole.WriteLine(r is null ? key : $"{key}: {r.Experiment} clean {r.Report.Clean}; " +
                string.Join("; ", r.Report.Attacks.Select(a => $"{a.Key} {a.Value}")));
        if (json) Json.WriteLastLine(new { manifest = m, directory = run.Directory, has_checkpoint = run.HasCheckpoint, metrics, results });
        return 0;
    }

    private static Row Describe(RunSummary s)
    {
        var config = s.Manifest?.Config;
        string? Text(string key) => config is { } c && c.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? epochs = config is { } c && c.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Object &&
                      o.TryGetProperty("epochs", out var e) && e.TryGetInt32(out int n) ? n : null;
        return new Row(s.Id, s.Manifest?.Experiment, s.Manifest?.Profile, Text("model"), Text("defense"), s.EpochsLogged, epochs,
            s.HasCheckpoint, s.Results, s.Manifest?.Created.ToString("u"), s.Manifest?.Diverged?.ToString(), s.Error);
    }

    private static double Num(JsonElement e, string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    private static int Int(JsonElement e, string key) => e.TryGetProperty(key, out var v) && v.TryGetInt32(out int i) ? i : -1;

    private static string Flag(JsonElement e, string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.True ? "on" : "off";
}
