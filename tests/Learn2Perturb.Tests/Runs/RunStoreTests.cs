using Learn2Perturb.Runs;

namespace Learn2Perturb.Tests.Runs;

/// <summary>The store's files: atomic checkpoints, clear errors for damaged files, which are never rewritten.</summary>
public sealed class RunStoreTests : IDisposable
{
    private sealed record Config(string Name, double Rate, IReadOnlyList<int> Milestones);

    private sealed record Result(double Accuracy);

    private readonly TempRunStore temp = new();

    public void Dispose() => temp.Dispose();

    private Run Create(string name = "a") => temp.Store.OpenOrCreate(new Config(name, 0.1, [1, 2]), "test/" + name, "smoke", 7, "cpu");

    [Fact]
    public void ARunIsCreatedOnceAndFoundAgainByItsConfig()
    {
        var run = Create();
        Assert.Equal(ConfigHash.Of(new Config("a", 0.1, [1, 2])), run.Id);
        Assert.True(File.Exists(run.ManifestPath));
        var again = Create();
        Assert.Equal(run.Manifest.Created, again.Manifest.Created);
        Assert.Equal(7, again.Manifest.Seed);
        Assert.False(string.IsNullOrEmpty(again.Manifest.TorchSharpVersion));
        Assert.Equal(TorchSharp.torch.get_num_threads(), again.Manifest.Threads);
        Assert.Equal(new CudaNumerics(Tf32Matmul: false, Tf32Convolution: true), again.Manifest.Numerics); // L2P_TF32 unset: PyTorch's defaults
        if (again.Manifest.GitCommit is { } commit) Assert.Matches("^[0-9a-f]{40}(-dirty)?$", commit); // null outside a checkout
        Assert.NotEqual(run.Id, Create("b").Id);
        Assert.Equal(run.Id, temp.Store.Get(run.Id[..5]).Id);
        Assert.Null(temp.Store.Find(new Config("c", 0.1, [1, 2])));
        Assert.Contains(run.Id, Assert.Throws<ArgumentException>(() => temp.Store.Get("zzz")).Message);
    }

    [Fact]
    public void AManifestWrittenBeforeThreadsWereRecordedStillLoads()
    {
        var run = Create();
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(run.ManifestPath))!.AsObject();
        Assert.True(json.Remove("threads"));
        File.WriteAllText(run.ManifestPath, json.ToJsonString());

        var loaded = temp.Store.Get(run.Id);
        Assert.Null(loaded.Manifest.Threads);
        Assert.Equal(run.Manifest.Seed, loaded.Manifest.Seed);
    }

    [Fact]
    public void Tf32IsNamedExplicitlyAndABadValueIsRefusedByName()
    {
        Assert.Equal((false, true), Learn2Perturb.Core.Compute.Tf32(null));
        Assert.Equal((false, true), Learn2Perturb.Core.Compute.Tf32(" Default "));
        Assert.Equal((true, true), Learn2Perturb.Core.Compute.Tf32("on"));
        Assert.Equal((false, false), Learn2Perturb.Core.Compute.Tf32("off"));
        var e = Assert.Throws<ArgumentException>(() => Learn2Perturb.Core.Compute.Tf32("fast"));
        Assert.Contains("L2P_TF32='fast': expected default, on or off", e.Message);
    }

    [Fact]
    public void ARunIsTrainedByOneHolderAtATime()
    {
        var run = Create();
        using (run.LockForTraining())
        {
            var e = Assert.Throws<IOException>(() => run.LockForTraining());
            Assert.Contains("being trained by another process", e.Message);
        }
        using (run.LockForTraining()) { } // released on dispose
        Assert.False(File.Exists(Path.Combine(run.Directory, "train.lock")));
    }

    [Fact]
    public void CheckpointSectionsRoundTrip()
    {
        var run = Create();
        Assert.Null(run.ReadCheckpoint());
        run.WriteCheckpoint(new Dictionary<string, byte[]> { ["model"] = [1, 2, 3], ["trainer"] = [] });
        var back = run.ReadCheckpoint()!;
        Assert.Equal([1, 2, 3], back["model"]);
        Assert.Empty(back["trainer"]);
        Assert.Single(Directory.GetFiles(run.Directory, "*.bin")); // no temporary file left behind
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("garbage")]
    public void ADamagedCheckpointIsNamedAndLeftAsItIs(string damage)
    {
        var run = Create();
        run.WriteCheckpoint(new Dictionary<string, byte[]> { ["model"] = new byte[1000] });
        var bytes = File.ReadAllBytes(run.CheckpointPath);
        byte[] damaged = damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "flipped" => [.. bytes[..500], (byte)(bytes[500] ^ 1), .. bytes[501..]],
            _ => "not a checkpoint"u8.ToArray(),
        };
        File.WriteAllBytes(run.CheckpointPath, damaged);
        var e = Assert.Throws<RunFileException>(() => run.ReadCheckpoint());
        Assert.Equal(run.CheckpointPath, e.FilePath);
        Assert.Contains(run.CheckpointPath, e.Message);
        Assert.Equal(damaged, File.ReadAllBytes(run.CheckpointPath));
    }

    [Fact]
    public void ACorruptManifestIsNamedAndLeftAsItIs()
    {
        var run = Create();
        var text = File.ReadAllText(run.ManifestPath);
        File.WriteAllText(run.ManifestPath, text[..(text.Length / 2)]);
        var e = Assert.Throws<RunFileException>(() => Create());
        Assert.Equal(run.ManifestPath, e.FilePath);
        Assert.Contains("manifest", e.Message);
        Assert.Equal(text[..(text.Length / 2)], File.ReadAllText(run.ManifestPath));
        Assert.Contains("manifest", temp.Store.List().Single().Error); // listed with its error, not hidden
    }

    [Theory]
    [InlineData("{\"id\": \"ID\"}", "experiment")]           // valid JSON, members missing
    [InlineData("{\"id\": \"ID\", \"experiment\": null, \"profile\": \"smoke\", \"seed\": 1, \"config\": {}, \"git_commit\": null, " +
                "\"torch_sharp_version\": \"x\", \"lib_torch_version\": \"x\", \"device\": \"cpu\", \"created\": \"2026-01-01T00:00:00Z\"}", "experiment")]
    [InlineData("{\"id\": \"ID\", \"experiment\": \"e\", \"profile\": \"smoke\", \"seed\": 1, \"config\": 3, \"git_commit\": null, " +
                "\"torch_sharp_version\": \"x\", \"lib_torch_version\": \"x\", \"device\": \"cpu\", \"created\": \"2026-01-01T00:00:00Z\"}", "config")]
    public void AManifestOfTheWrongShapeIsNamedAndHidesNoOtherRun(string manifest, string member)
    {
        var bad = Create("bad");
        var good = Create("good");
        File.WriteAllText(bad.ManifestPath, manifest.Replace("ID", bad.Id));

        var e = Assert.Throws<RunFileException>(() => temp.Store.Get(bad.Id));
        Assert.Equal(bad.ManifestPath, e.FilePath);
        Assert.Contains(member, e.Message);
        var listed = temp.Store.List();
        Assert.Contains(bad.ManifestPath, listed.Single(r => r.Id == bad.Id).Error);
        Assert.Null(listed.Single(r => r.Id == good.Id).Error);
    }

    [Fact]
    public void AResultOfTheWrongShapeIsNamed()
    {
        var run = Create();
        run.WriteResult("eval-x", new Result(42));
        File.WriteAllText(run.ResultPath("eval-x"), "{}");
        var e = Assert.Throws<RunFileException>(() => run.TryReadResult<Result>("eval-x", out _));
        Assert.Equal(run.ResultPath("eval-x"), e.FilePath);
        Assert.Contains("accuracy", e.Message);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[1, 2]")]
    [InlineData("{\"loss\": 1.5}")]
    [InlineData("{\"epoch\": \"one\"}")]
    public void AMetricsLineThatIsNotAnEpochRecordIsNamedWithItsFileAndLine(string line)
    {
        var run = Create();
        var other = Create("other");
        run.AppendMetrics(new { epoch = 0, loss = 2.0 });
        File.AppendAllText(run.MetricsPath, line + "\n");

        var e = Assert.Throws<RunFileException>(run.ReadMetrics);
        Assert.Equal(run.MetricsPath, e.FilePath);
        Assert.Contains("line 2", e.Message);
        Assert.Throws<RunFileException>(() => run.TrimMetrics(1));
        var listed = temp.Store.List().Single(r => r.Id == run.Id);
        Assert.Contains(run.MetricsPath, listed.Error);
        Assert.Equal("test/a", listed.Manifest?.Experiment); // the manifest's details stay in the listing
        Assert.Null(temp.Store.List().Single(r => r.Id == other.Id).Error);
    }

    [Fact]
    public void AStorePathThatIsAFileIsRefusedByName()
    {
        var file = Path.GetTempFileName();
        try
        {
            var e = Assert.Throws<IOException>(() => new RunStore(file));
            Assert.Contains($"{file} is a file, not a directory", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ACorruptResultIsNamedAndLeftAsItIs()
    {
        var run = Create();
        Assert.False(run.TryReadResult<Result>("eval-x", out _));
        run.WriteResult("eval-x", new Result(42));
        Assert.True(run.TryReadResult<Result>("eval-x", out var back));
        Assert.Equal(42, back.Accuracy);
        File.WriteAllText(run.ResultPath("eval-x"), "{\"accuracy\": 4");
        var e = Assert.Throws<RunFileException>(() => run.TryReadResult<Result>("eval-x", out _));
        Assert.Equal(run.ResultPath("eval-x"), e.FilePath);
        Assert.Equal("{\"accuracy\": 4", File.ReadAllText(run.ResultPath("eval-x")));
        Assert.Throws<ArgumentException>(() => run.ResultPath("../escape"));
    }

    [Fact]
    public void TrimmingMetricsKeepsTheCheckpointedEpochsAndDropsAnUnfinishedLine()
    {
        var run = Create();
        for (int epoch = 0; epoch < 3; epoch++) run.AppendMetrics(new { Epoch = epoch, Loss = 1.0 / (epoch + 1) });
        File.AppendAllText(run.MetricsPath, "{\"epoch\": 3, \"lo"); // killed mid-append
        Assert.Throws<RunFileException>(() => run.ReadMetrics());
        run.TrimMetrics(nextEpoch: 2);
        Assert.Equal([0, 1], run.ReadMetrics().Select(m => m.GetProperty("epoch").GetInt32()));
        File.AppendAllText(run.MetricsPath, "oops\n{\"epoch\": 2}\n");
        var e = Assert.Throws<RunFileException>(() => run.TrimMetrics(5));
        Assert.Contains("line 3", e.Message);
    }
}
