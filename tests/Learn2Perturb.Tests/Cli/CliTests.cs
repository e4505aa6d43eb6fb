using System.Text.Json;
using Learn2Perturb.Cli;
using Learn2Perturb.Models;

namespace Learn2Perturb.Tests.Cli;

/// <summary>The `l2p` commands end to end (in process), reading the --json line they print last.</summary>
[Collection(TorchRandomCollection.Name)] // redirects the process-wide Console.Out
public sealed class CliTests
{
    /// <summary>Runs <c>l2p</c> in process: exit code, the last stdout line as JSON, and stderr.</summary>
    internal static (int Code, JsonElement Json, string Error) Run(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        var output = new StringWriter();
        var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = Program.Main(args);
            var last = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            return (code, JsonDocument.Parse(last).RootElement.Clone(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    [Fact]
    public void ModelsListsThePapersArchitecturesWithTheirCounts()
    {
        var (code, json, _) = Run("models", "--json");
        Assert.Equal(0, code);
        var rows = json.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(ModelSpec.Paper.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(r.GetProperty("paper_parameters").GetInt64(), r.GetProperty("parameters").GetInt64()));
        Assert.Equal(102_400, rows.Single(r => r.GetProperty("name").GetString() == "resnet-v1-20").GetProperty("theta_cifar").GetInt64());
    }

    [Fact]
    public void BenchReportsTheBaselinesKeys()
    {
        var (code, json, _) = Run("bench", "--depth", "8", "--batch", "4", "--iters", "1", "--warmup", "0", "--only", "clean_iter,infer512", "--json");
        Assert.Equal(0, code);
        var clean = json.GetProperty("results").GetProperty("clean_iter");
        foreach (var key in new[] { "min_s", "median_s", "img_per_s_median" }) Assert.True(clean.GetProperty(key).GetDouble() > 0, key);
        Assert.Equal(512, json.GetProperty("results").GetProperty("infer512").GetProperty("imgs").GetInt32());
        Assert.True(json.GetProperty("maxrss_mib").GetDouble() > 0);
    }

    [Fact]
    public void AnUnknownMeasurementIsAClearErrorAndStillEndsWithJson()
    {
        var (code, json, error) = Run("bench", "--depth", "8", "--batch", "2", "--only", "l2p_step", "--json");
        Assert.Equal(1, code);
        Assert.Contains("unknown measurement 'l2p_step'", error);
        Assert.Contains("l2p_iter", json.GetProperty("error").GetString());
    }

    [Fact]
    public void QuickstartSmokeTrainsTable1sCellsThroughTheStoreAndReusesThem()
    {
        using var temp = new Runs.TempRunStore();
        var (code, json, _) = Run("quickstart", "--profile", "smoke", "--runs", temp.Store.Root, "--json");
        Assert.Equal(0, code);
        Assert.Equal("smoke", json.GetProperty("profile").GetString());
        Assert.Equal("fashion-mnist", json.GetProperty("dataset").GetString());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["none", "vanilla", "l2p"], rows.Select(r => r.GetProperty("defense").GetString()));
        Assert.Equal(["table1/resnet-v1-20/none", "table1/resnet-v1-20/vanilla", "table1/resnet-v1-20/l2p"], rows.Select(r => r.GetProperty("experiment").GetString()));
        foreach (var row in rows)
        {
            Assert.Equal("resnet-v1-8", row.GetProperty("model").GetString());
            Assert.True(row.GetProperty("trained").GetBoolean());
            foreach (var metric in new[] { "clean", "fgsm", "pgd" })
                Assert.InRange(row.GetProperty(metric).GetProperty("mean").GetDouble(), 0, 100);
            // The quickstart's run is the catalog's: `l2p train` of the same cell finds it trained.
            var (trainCode, train, _) = Run("train", row.GetProperty("experiment").GetString()!, "--profile", "smoke", "--runs", temp.Store.Root, "--json");
            Assert.Equal((0, row.GetProperty("run_id").GetString(), true), (trainCode, train.GetProperty("run_id").GetString(), train.GetProperty("already_complete").GetBoolean()));
        }
        // One mean θ per injection site of V1(8): the stem and 3 blocks, each kept ≥ θmin by the projection.
        var theta = json.GetProperty("theta_mean_per_layer").EnumerateArray().Select(t => t.GetDouble()).ToList();
        Assert.Equal(4, theta.Count);
        Assert.All(theta, t => Assert.True(t >= 0.01 - 1e-6, $"θ mean {t} below θmin"));

        var (again, second, _) = Run("quickstart", "--profile", "smoke", "--runs", temp.Store.Root, "--json");
        Assert.Equal(0, again);
        Assert.All(second.GetProperty("rows").EnumerateArray(), r => Assert.Equal((false, true), (r.GetProperty("trained").GetBoolean(), r.GetProperty("reused").GetBoolean())));
        Assert.Equal(rows.Select(r => r.GetProperty("pgd").GetProperty("mean").GetDouble()),
            second.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("pgd").GetProperty("mean").GetDouble()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void ANonPositiveThreadCountIsRejected(string threads)
    {
        var (code, json, _) = Run("train", "table1/resnet-v1-20/none", "--profile", "smoke", "--threads", threads, "--json");
        Assert.Equal(1, code);
        Assert.Contains("--threads must be a whole number ≥ 1", json.GetProperty("error").GetString());
    }

    [Fact]
    public void AParseErrorUnderJsonEndsWithAJsonLine()
    {
        var (code, json, error) = Run("train", "--profile", "smoke", "--json"); // no experiment
        Assert.Equal(1, code);
        Assert.Contains("experiment", json.GetProperty("error").GetString());
        Assert.Contains("experiment", error);
    }

    [Fact]
    public void TheThreadsVariableIsHonouredWithoutThreads()
    {
        var empty = Path.Combine(Path.GetTempPath(), "l2p-cli-threads-" + Guid.NewGuid().ToString("N"));
        int before = TorchSharp.torch.get_num_threads();
        var previous = Environment.GetEnvironmentVariable(Learn2Perturb.Core.Compute.ThreadsVariable);
        try
        {
            Environment.SetEnvironmentVariable(Learn2Perturb.Core.Compute.ThreadsVariable, (before + 1).ToString());
            Run("eval", "table1/resnet-v1-20/none", "--profile", "smoke", "--runs", empty, "--json"); // fails after setting threads: nothing trained
            Assert.Equal(before + 1, TorchSharp.torch.get_num_threads());
            Run("eval", "table1/resnet-v1-20/none", "--profile", "smoke", "--runs", empty, "--threads", before.ToString(), "--json");
            Assert.Equal(before, TorchSharp.torch.get_num_threads()); // --threads wins

            Environment.SetEnvironmentVariable(Learn2Perturb.Core.Compute.ThreadsVariable, "abc");
            var (code, json, _) = Run("eval", "table1/resnet-v1-20/none", "--profile", "smoke", "--runs", empty, "--json");
            Assert.Equal(1, code);
            Assert.Contains("L2P_THREADS='abc'", json.GetProperty("error").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(Learn2Perturb.Core.Compute.ThreadsVariable, previous);
            TorchSharp.torch.set_num_threads(before);
        }
    }

    [Fact]
    public void AnUnknownProfileIsRejectedByTheParser()
    {
        var error = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.NotEqual(0, Program.Main(["quickstart", "--profile", "huge"]));
        }
        finally
        {
            Console.SetError(stderr);
        }
        Assert.Contains("huge", error.ToString());
    }
}
