using System.Text.Json;
using Learn2Perturb.Cli;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Tests.Cli;

/// <summary>`l2p train`, `eval`, `runs` and `experiments` in process on the smoke profile, in a temporary run store.</summary>
[Collection(TorchRandomCollection.Name)] // redirects the process-wide Console.Out
public sealed class RunsCliTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "l2p-cli-runs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private (int Code, JsonElement Json, string Error) Run(params string[] args) => CliTests.Run([.. args, "--runs", root, "--json"]);

    [Fact]
    [Trait("Category", "Slow")]
    public void TrainEvalAndRunsWorkTogetherOnTheSmokeProfile()
    {
        const string name = "table1/resnet-v1-20/none";
        var (code, train, _) = Run("train", name, "--profile", "smoke");
        Assert.Equal(0, code);
        var id = train.GetProperty("run_id").GetString()!;
        Assert.Equal((2, 2, false), (train.GetProperty("epochs_run").GetInt32(), train.GetProperty("epochs").GetInt32(), train.GetProperty("already_complete").GetBoolean()));
        var (_, again, _) = Run("train", name, "--profile", "smoke");
        Assert.Equal((0, true), (again.GetProperty("epochs_run").GetInt32(), again.GetProperty("already_complete").GetBoolean()));

        var (evalCode, eval, _) = Run("eval", name, "--profile", "smoke");
        Assert.Equal(0, evalCode);
        Assert.False(eval.GetProperty("reused").GetBoolean());
        var report = eval.GetProperty("result").GetProperty("report");
        Assert.InRange(report.GetProperty("clean").GetProperty("mean").GetDouble(), 0, 100);
        Assert.Equal(128, report.GetProperty("samples").GetInt64());
        Assert.True(report.GetProperty("attacks").TryGetProperty("pgd-7@8/255", out _));
        Assert.Equal(92.1, eval.GetProperty("result").GetProperty("reported").GetProperty("clean").GetDouble());
        var (_, reused, _) = Run("eval", name, "--profile", "smoke");
        Assert.True(reused.GetProperty("reused").GetBoolean());
        Assert.Equal(report.GetRawText(), reused.GetProperty("result").GetProperty("report").GetRawText());

        var (_, list, _) = Run("runs", "list");
        var row = Assert.Single(list.GetProperty("runs").EnumerateArray());
        Assert.Equal((id, "none", 2, 2), (row.GetProperty("id").GetString(), row.GetProperty("defense").GetString(),
            row.GetProperty("epochs_logged").GetInt32(), row.GetProperty("epochs").GetInt32()));
        var (showCode, show, _) = Run("runs", "show", id[..6]);
        Assert.Equal(0, showCode);
        Assert.Equal(id, show.GetProperty("manifest").GetProperty("id").GetString());
        Assert.Equal([0, 1], show.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("epoch").GetInt32()));
        Assert.Single(show.GetProperty("results").EnumerateObject());

        // A damaged checkpoint: a clear error naming the file, which stays as it is.
        var checkpoint = Path.Combine(root, id, "checkpoint.bin");
        File.WriteAllBytes(checkpoint, [1, 2, 3]);
        var (badCode, bad, _) = Run("eval", name, "--profile", "smoke", "--force");
        Assert.Equal(1, badCode);
        Assert.Contains(checkpoint, bad.GetProperty("error").GetString());
        Assert.Equal([1, 2, 3], File.ReadAllBytes(checkpoint));
    }

    [Fact]
    public void ExperimentsListsEveryNameWithItsRunAndAvailability()
    {
        var (code, json, _) = Run("experiments", "--profile", "paper");
        Assert.Equal(0, code);
        var rows = json.GetProperty("experiments").EnumerateArray().ToList();
        Assert.Equal(ExperimentCatalog.Names, rows.Select(r => r.GetProperty("name").GetString()));
        var l2p = rows.Single(r => r.GetProperty("name").GetString() == "table1/resnet-v1-20/l2p");
        Assert.Equal("cifar10", l2p.GetProperty("dataset").GetString());
        Assert.Equal(rows.Single(r => r.GetProperty("name").GetString() == "table2/resnet-v1-20/l2p").GetProperty("run_id").GetString(),
            l2p.GetProperty("run_id").GetString());
        var (_, figure, _) = Run("experiments", "figure5/cifar100/pgd", "--profile", "paper");
        Assert.Equal(5, figure.GetProperty("experiments").GetArrayLength());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void AConfigPrintedByExperimentsCanBeEditedAndTrainedFromAFile()
    {
        var (_, listed, _) = Run("experiments", "table1/resnet-v1-20/none", "--profile", "smoke");
        var config = System.Text.Json.Nodes.JsonNode.Parse(listed.GetProperty("experiments")[0].GetProperty("config").GetRawText())!;
        Assert.Equal("smoke", config["profile"]!.GetValue<string>());
        config["name"] = "mine/one-epoch";
        config["training"]!["train_images"] = 64;
        config["training"]!["options"]!["epochs"] = 1;
        Directory.CreateDirectory(root);
        var file = Path.Combine(root, "mine.json");
        File.WriteAllText(file, config.ToJsonString());
        var (code, train, _) = Run("train", file);
        Assert.Equal(0, code);
        Assert.Equal(("mine/one-epoch", 1), (train.GetProperty("experiment").GetString(), train.GetProperty("epochs_run").GetInt32()));

        config["training"] = null;
        File.WriteAllText(file, config.ToJsonString());
        var (badCode, bad, _) = Run("train", file);
        Assert.Equal(1, badCode);
        Assert.Contains("'Training'", bad.GetProperty("error").GetString());
    }

    private string ConfigFile(Action<System.Text.Json.Nodes.JsonNode> edit)
    {
        var (_, listed, _) = Run("experiments", "table1/resnet-v1-20/none", "--profile", "smoke");
        var config = System.Text.Json.Nodes.JsonNode.Parse(listed.GetProperty("experiments")[0].GetProperty("config").GetRawText())!;
        config["name"] = "mine/one-epoch";
        config["training"]!["train_images"] = 64;
        config["training"]!["options"]!["epochs"] = 1;
        edit(config);
        Directory.CreateDirectory(root);
        var file = Path.Combine(root, "mine.json");
        File.WriteAllText(file, config.ToJsonString());
        return file;
    }

    [Fact]
    public void AMisspeltConfigKeyIsRefusedNamingTheClosestValidKey()
    {
        var file = ConfigFile(c => c["training"]!["options"]!["epochz"] = 5);
        var (code, json, _) = Run("train", file);
        Assert.Equal(1, code);
        var error = json.GetProperty("error").GetString();
        Assert.Contains(file, error);
        Assert.Contains("unknown key 'training.options.epochz'", error);
        Assert.Contains("'training.options.epochs'", error);
        Assert.False(Directory.EnumerateDirectories(root).Any()); // nothing trained
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void TheFinishItHintForAConfigFileNamesACommandThatWorks()
    {
        var file = ConfigFile(_ => { });
        var (code, json, _) = Run("eval", file);
        Assert.Equal(1, code);
        var hint = System.Text.RegularExpressions.Regex.Match(json.GetProperty("error").GetString()!, "`l2p (train [^`]+)`");
        Assert.True(hint.Success, json.GetProperty("error").GetString());
        var (trainCode, _, _) = CliTests.Run([.. hint.Groups[1].Value.Split(' '), "--json"]);
        Assert.Equal(0, trainCode);
        var (evalCode, _, _) = Run("eval", file);
        Assert.Equal(0, evalCode);
    }

    [Fact]
    public void AStoreThatIsAFileOrCannotBeWrittenIsAClearError()
    {
        Directory.CreateDirectory(root);
        var file = Path.Combine(root, "not-a-directory");
        File.WriteAllText(file, "");
        var (code, json, _) = CliTests.Run("runs", "list", "--runs", file, "--json");
        Assert.Equal(1, code);
        Assert.Contains($"{file} is a file, not a directory", json.GetProperty("error").GetString());

        // /sys refuses new directories to everyone, root included (a chmod'ed directory would not stop root).
        var denied = "/sys/l2p-runs-" + Guid.NewGuid().ToString("N");
        var (deniedCode, deniedJson, _) = CliTests.Run("train", "table1/resnet-v1-20/none", "--profile", "smoke", "--runs", denied, "--json");
        Assert.Equal(1, deniedCode);
        Assert.Contains(denied, deniedJson.GetProperty("error").GetString());
    }

    [Fact]
    public void AnUnknownPrefixListsEveryGroupOfExperiments()
    {
        var (code, json, _) = Run("experiments", "nosuch/");
        Assert.Equal(1, code);
        var error = json.GetProperty("error").GetString();
        foreach (var group in ExperimentCatalog.Names.Select(n => n.Split('/')[0]).Distinct()) Assert.Contains(group + "/", error);
    }

    [Fact]
    public void MistakesAreClearJsonErrors()
    {
        var (code, json, _) = Run("eval", "table1/resnet-v1-20/none", "--profile", "smoke");
        Assert.Equal(1, code);
        Assert.Contains("has not been trained", json.GetProperty("error").GetString());
        var (_, unknown, _) = Run("train", "table1/resnet-v1-21/none", "--profile", "smoke");
        Assert.Contains("table1/{resnet-v1-20,resnet-v1-56,resnet-v2-18}/{none,vanilla,l2p-r,l2p}", unknown.GetProperty("error").GetString());
        var (_, group, _) = Run("train", "figure5/cifar100/pgd", "--profile", "smoke");
        Assert.Contains("names 5 experiments", group.GetProperty("error").GetString());
        var (_, noRun, _) = Run("runs", "show", "abc");
        Assert.Contains("no run 'abc'", noRun.GetProperty("error").GetString());
    }
}
