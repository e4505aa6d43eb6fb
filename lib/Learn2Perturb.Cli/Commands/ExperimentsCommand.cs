using System.CommandLine;
using System.Text.Json;
using Learn2Perturb.Cli.Output;
using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;
using Spectre.Console;
using Profile = Learn2Perturb.Experiments.Profile;

namespace Learn2Perturb.Cli.Commands;

/// <summary>
/// <c>l2p experiments [prefix]</c>: the named experiments of the paper's tables and figures, each an independent job
/// (<c>l2p train NAME &amp;&amp; l2p eval NAME</c>), with its run id under the chosen profile and what the run store holds for it.
/// </summary>
internal static class ExperimentsCommand
{
    private sealed record Row(string Name, string Dataset, string Model, string TrainedModel, string Defense, IReadOnlyList<string> Attacks,
        string RunId, string Stored, PaperNumbers? Reported, JsonElement? Config);

    public static Command Create()
    {
        var prefix = new Argument<string>("prefix") { Description = "Only names under this prefix (table1, table2/resnet-v1-20, figure5)", DefaultValueFactory = _ => "" };
        var profile = ExperimentOptions.Profile();
        var runs = ExperimentOptions.Runs();
        var json = CommonOptions.Json();
        var command = new Command("experiments", "List the named experiments of the paper's tables and figures") { prefix, profile, runs, json };
        command.SetAction(parse => Run(parse.GetValue(prefix) ?? "", Profiles.Parse(parse.GetValue(profile)!),
            ExperimentOptions.Store(parse.GetValue(runs)), parse.GetValue(json)));
        return command;
    }

    private static int Run(string prefix, Profile profile, RunStore store, bool json)
    {
        var names = ExperimentCatalog.Matching(prefix);
        if (names.Count == 0)
            throw new ArgumentException($"no experiment under '{prefix}': valid names are {ExperimentCatalog.Patterns()}");
        // One experiment: its whole config too (in the run store's JSON, enums as names), ready to be saved, edited and passed back as `l2p train FILE.json`.
        var rows = names.Select(n => Describe(ExperimentCatalog.Get(n, profile), store, withConfig: names.Count == 1)).ToList();
        var table = new Table().Title($"{rows.Count} experiments ({profile.ToName()} profile)");
        foreach (var c in new[] { "name", "data", "model", "attacks", "run id", "stored" }) table.AddColumn(c);
        foreach (var r in rows)
            table.AddTextRow(r.Name, r.Dataset, r.TrainedModel, string.Join(" ", r.Attacks.Take(3)) + (r.Attacks.Count > 3 ? $" … ({r.Attacks.Count})" : ""),
                r.RunId, r.Stored);
        AnsiConsole.Write(table);
        if (json) Json.WriteLastLine(new { profile = profile.ToName(), experiments = rows });
        return 0;
    }

    private static Row Describe(ExperimentConfig c, RunStore store, bool withConfig)
    {
        return new Row(c.Name, c.Training.Dataset, c.Model, c.Training.Model, c.Training.Defense, [.. c.Evaluation.Attacks.Select(a => a.Name)],
            ConfigHash.Of(c.Training), Stored(c, store), c.Reported, withConfig ? JsonDocument.Parse(RunJson.Serialize(c)).RootElement.Clone() : null);
    }

    /// <summary>What the store holds for the experiment's run: nothing, epochs logged, results.</summary>
    private static string Stored(ExperimentConfig c, RunStore store)
    {
        try
        {
            var run = store.Find(c.Training);
            if (run is null) return "-";
            if (run.Manifest.Diverged is { } d) return d.ToString();
            return $"{run.ReadMetrics().Count}/{c.Training.Options.Epochs} epochs, {run.ResultKeys().Count} results";
        }
        catch (RunFileException e)
        {
            return "unreadable: " + Path.GetFileName(e.FilePath);
        }
    }
}
