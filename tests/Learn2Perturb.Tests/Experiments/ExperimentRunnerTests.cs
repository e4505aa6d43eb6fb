using System.Text.Json.Nodes;
using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;
using Learn2Perturb.Tests.Runs;
using Learn2Perturb.Training;

namespace Learn2Perturb.Tests.Experiments;

/// <summary>
/// Training and evaluation through the run store on a tiny Learn2Perturb ResNet-V1(8) (64 Fashion-MNIST images,
/// 3 epochs: clean, then noise and PGD training), on the CPU.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class ExperimentRunnerTests : IDisposable
{
    private readonly TempRunStore temp = new();

    public void Dispose() => temp.Dispose();

    private static ExperimentConfig Tiny(string defense = "l2p")
    {
        var smoke = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Smoke);
        var options = smoke.Training.Options with { Epochs = 3, BatchSize = 32, Augment = true };
        return smoke with
        {
            Training = smoke.Training with { Defense = defense, TrainImages = 64, Options = options },
            Evaluation = smoke.Evaluation with { TestImages = 32, Attacks = [AttackSpec.Fgsm(8 / 255.0), new AttackSpec("pgd", 8 / 255.0, Steps: 2)] },
        };
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void AKilledTrainingResumesToBitIdenticalWeights()
    {
        using var uninterrupted = new TempRunStore();
        var full = new ExperimentRunner(uninterrupted.Store).Train(Tiny());
        Assert.Equal((0, 3, false), (full.StartEpoch, full.History.Count, full.AlreadyComplete));
        var reference = uninterrupted.Store.Get(full.RunId).ReadCheckpoint()!;

        // Killed after epoch 1 (noise and PGD training on, so θ momentum and the noise generator matter).
        using var cancel = new CancellationTokenSource();
        var killed = new ExperimentRunner(temp.Store);
        killed.TrainingStarted += (_, trainer) => trainer.EpochEnded += e => { if (e.Epoch == 1) cancel.Cancel(); };
        Assert.ThrowsAny<OperationCanceledException>(() => killed.Train(Tiny(), cancel.Token));
        var run = temp.Store.Get(full.RunId);
        Assert.Equal(2, run.ReadMetrics().Count);
        Assert.NotEqual(reference["model"], run.ReadCheckpoint()!["model"]);

        var resumed = new ExperimentRunner(temp.Store).Train(Tiny());
        Assert.Equal((2, 1), (resumed.StartEpoch, resumed.History.Count));
        var final = run.ReadCheckpoint()!;
        Assert.Equal(reference["model"], final["model"]);     // weights, θ and BatchNorm statistics, bit for bit
        Assert.Equal(reference["trainer"], final["trainer"]); // momentum buffers and generator states too
        var losses = (Run r) => r.ReadMetrics().Select(m => m.GetProperty("loss").GetDouble()).ToList();
        Assert.Equal(losses(uninterrupted.Store.Get(full.RunId)), losses(run));

        var again = new ExperimentRunner(temp.Store).Train(Tiny());
        Assert.True(again.AlreadyComplete);
        Assert.Equal(final["model"], run.ReadCheckpoint()!["model"]);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void AStoredEvaluationIsReusedNotRecomputed()
    {
        var config = Tiny() with { Training = Tiny().Training with { Options = Tiny().Training.Options with { Epochs = 1 } } };
        var runner = new ExperimentRunner(temp.Store);
        Assert.Contains("has not been trained", Assert.Throws<InvalidOperationException>(() => runner.Evaluate(config)).Message);
        runner.Train(config);
        int computed = 0;
        runner.EvaluationStarted += _ => computed++;
        var first = runner.Evaluate(config);
        Assert.False(first.Reused);
        Assert.Equal(["fgsm@8/255", "pgd-2@8/255"], first.Result.Report.Attacks.Keys.Order());

        // Alter the stored number: a reused result returns it; a recomputed one could not.
        var node = JsonNode.Parse(File.ReadAllText(first.ResultPath))!;
        node["report"]!["clean"]!["mean"] = 12.5;
        File.WriteAllText(first.ResultPath, node.ToJsonString());
        var second = runner.Evaluate(config);
        Assert.True(second.Reused);
        Assert.Equal(12.5, second.Result.Report.Clean.Mean);
        Assert.Equal(1, computed);
        // Another cell with the same trained model and evaluation (Table 1's and Table 2's L2P V1(20)) reuses the
        // measurement under its own name and paper numbers.
        var otherCell = config with { Name = "table2/resnet-v1-20/l2p", Reported = new PaperNumbers(Clean: 1, Pgd: 2, Fgsm: 3, Note: "other") };
        var shared = runner.Evaluate(otherCell);
        Assert.True(shared.Reused);
        Assert.Equal((otherCell.Name, otherCell.Reported), (shared.Result.Experiment, shared.Result.Reported));
        Assert.Equal(12.5, shared.Result.Report.Clean.Mean);

        var forced = runner.Evaluate(config, force: true);
        Assert.False(forced.Reused);
        Assert.Equal(first.Result.Report.Clean.Mean, forced.Result.Report.Clean.Mean);
        Assert.Equal(2, computed);

        File.WriteAllText(first.ResultPath, "{\"experiment\": ");
        var e = Assert.Throws<RunFileException>(() => runner.Evaluate(config));
        Assert.Equal(first.ResultPath, e.FilePath);
        Assert.Equal("{\"experiment\": ", File.ReadAllText(first.ResultPath));
    }

    [Fact]
    public void ACorruptCheckpointStopsTrainingAndIsNotOverwritten()
    {
        var config = Tiny() with { Training = Tiny().Training with { Options = Tiny().Training.Options with { Epochs = 2 } } };
        using var cancel = new CancellationTokenSource();
        var runner = new ExperimentRunner(temp.Store);
        runner.TrainingStarted += (_, trainer) => trainer.EpochEnded += _ => cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => runner.Train(config, cancel.Token));
        var run = temp.Store.Find(config.Training)!;
        var truncated = File.ReadAllBytes(run.CheckpointPath)[..100];
        File.WriteAllBytes(run.CheckpointPath, truncated);
        var e = Assert.Throws<RunFileException>(() => new ExperimentRunner(temp.Store).Train(config));
        Assert.Equal(run.CheckpointPath, e.FilePath);
        Assert.Equal(truncated, File.ReadAllBytes(run.CheckpointPath));
    }

    [Fact]
    public void ADivergedRunStopsNamedKeepsItsLastFiniteCheckpointAndIsNeverEvaluated()
    {
        // Epoch 1 trains at the usual rate; at the milestone the rate grows by 1e30 and the next step diverges.
        var tiny = Tiny("none");
        var config = tiny with { Training = tiny.Training with { Options = tiny.Training.Options with { Epochs = 2, LrMilestones = [1], LrDecay = 1e30 } } };
        var runner = new ExperimentRunner(temp.Store);

        var e = Assert.Throws<TrainingDivergedException>(() => runner.Train(config));
        var run = temp.Store.Find(config.Training)!;
        Assert.Contains($"run {run.Id}", e.Message);
        Assert.Contains($"epoch 2, batch {e.Batch + 1}", e.Message);
        Assert.Equal(1, e.Epoch);
        Assert.Equal(new Divergence(1, e.Batch, e.Problem), run.Manifest.Diverged);
        Assert.Equal(new Divergence(1, e.Batch, e.Problem), temp.Store.Get(run.Id).Manifest.Diverged); // on disk
        Assert.Equal(1, StoredCheckpoint.Read(run)!.State.NextEpoch); // the last finite epoch's checkpoint is kept
        Assert.Single(run.ReadMetrics());

        Assert.Contains("diverged", Assert.Throws<TrainingDivergedException>(() => runner.Evaluate(config)).Message);
        Assert.Contains("diverged", Assert.Throws<TrainingDivergedException>(() => runner.Train(config)).Message);
        Assert.Equal(1, StoredCheckpoint.Read(run)!.State.NextEpoch);
        Assert.NotNull(temp.Store.List().Single().Manifest?.Diverged);
    }

    [Fact]
    public void AResumeAtAnotherThreadCountWarnsAndIsRecorded()
    {
        var config = Tiny("none");
        int threads = TorchSharp.torch.get_num_threads();
        using var cancel = new CancellationTokenSource();
        var first = new ExperimentRunner(temp.Store);
        first.TrainingStarted += (_, trainer) => trainer.EpochEnded += _ => cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => first.Train(config, cancel.Token));
        var warnings = new List<string>();
        try
        {
            TorchSharp.torch.set_num_threads(threads + 1);
            var resumed = new ExperimentRunner(temp.Store);
            resumed.Warning += warnings.Add;
            resumed.Train(config);
        }
        finally
        {
            TorchSharp.torch.set_num_threads(threads);
        }
        var run = temp.Store.Find(config.Training)!;
        Assert.Equal(threads, run.Manifest.Threads);
        Assert.Equal([threads + 1], run.Manifest.ResumedThreads!);
        Assert.Contains($"created at {threads} threads and resumes at {threads + 1}", Assert.Single(warnings));
    }

    [Fact]
    public void AnUnknownDefenceCreatesNoRun()
    {
        var config = Tiny("made-up");
        Assert.Throws<ArgumentException>(() => new ExperimentRunner(temp.Store).Train(config));
        Assert.Empty(temp.Store.List());
    }
}
