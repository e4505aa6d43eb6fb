using System.Text.Json;
using Learn2Perturb.Cluster;
using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;
using Learn2Perturb.Tests.Cli;

namespace Learn2Perturb.Tests.Cluster;

/// <summary>
/// Plans submitted to a real Slurm (<c>scripts/slurm-local.sh</c>), one CPU and one libtorch thread per job, checked
/// against sequential local runs at the same thread count. Skipped, saying why, where no Slurm answers.
/// </summary>
[Collection(TorchRandomCollection.Name)] // the status check redirects the process-wide Console.Out
[Trait("Category", "Slow")]
public sealed class SlurmEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    private readonly string root = Directory.CreateTempSubdirectory("l2p-cluster-test-").FullName;
    private readonly List<SubmittedJobs> submitted = [];

    private static SlurmOptions OneCpu => SlurmOptions.For(Profile.Smoke) with { CpusPerJob = 1, Memory = "3G" };

    public void Dispose()
    {
        foreach (var jobs in submitted) LocalSlurm.Cancel(jobs);
        Directory.Delete(root, recursive: true);
    }

    private (ClusterPlan Plan, string Directory) Submit(string runs, IReadOnlyList<ExperimentConfig> configs)
    {
        var plan = ClusterPlan.Build(configs, Profile.Smoke);
        var directory = ClusterPlan.DirectoryIn(runs, plan.Id);
        submitted.Add(ClusterSubmitter.Submit(plan, directory, runs, OneCpu, LocalSlurm.L2pCommand));
        return (plan, directory);
    }

    private static string Describe(IEnumerable<ExperimentStatus> statuses) =>
        string.Join("; ", statuses.Select(s => $"{s.Experiment} {s.State} {s.Detail} {string.Join(" | ", s.LogTail)}"));

    [SlurmFact]
    public void Table1OnTheSmokeProfileTrainsAndEvaluatesEveryCellAsASequentialLocalRunDoes()
    {
        var cluster = Path.Combine(root, "cluster-store");
        var configs = ExperimentCatalog.Configs("table1", Profile.Smoke);
        var (plan, directory) = Submit(cluster, configs);
        Assert.Equal(4, plan.Trainings.Count); // smoke trains one small model per defence for every row

        var local = Path.Combine(root, "local-store");
        foreach (var t in plan.Trainings) LocalSlurm.RunL2p("train", t.Argument, "--profile", "smoke", "--runs", local, "--threads", "1");
        foreach (var e in plan.Evaluations) LocalSlurm.RunL2p("eval", e.Argument, "--profile", "smoke", "--runs", local, "--threads", "1");

        IReadOnlyList<ExperimentStatus> statuses = [];
        LocalSlurm.WaitUntil(() => (statuses = ClusterStatus.Of(plan, directory, cluster)).All(s => s.State is "evaluated" or "failed"), Patience, () => Describe(statuses));
        Assert.All(statuses, s => Assert.True(s.State == "evaluated", Describe([s])));
        Assert.Equal(configs.Select(c => c.Name).Order(), statuses.Select(s => s.Experiment).Order());

        foreach (var t in plan.Trainings) // bit-identical weights, θ, optimiser and generator states
            Assert.Equal(File.ReadAllBytes(Path.Combine(local, t.RunId, "checkpoint.bin")), File.ReadAllBytes(Path.Combine(cluster, t.RunId, "checkpoint.bin")));
        foreach (var e in plan.Evaluations)
        {
            var expected = Report(Path.Combine(local, e.RunId, "results", e.ResultKey + ".json"));
            var actual = Report(Path.Combine(cluster, e.RunId, "results", e.ResultKey + ".json"));
            Assert.Equal(expected.GetProperty("clean").GetRawText(), actual.GetProperty("clean").GetRawText());
            Assert.Equal(expected.GetProperty("attacks").GetRawText(), actual.GetProperty("attacks").GetRawText());
        }
    }

    [SlurmFact]
    public void ATrainingStoppedBySigtermMidRunIsRequeuedAndEndsBitIdentical()
    {
        var config = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Smoke);
        config = config with
        {
            Name = "cluster-test/l2p-six-epochs",
            Training = config.Training with { TrainImages = 512, Options = config.Training.Options with { Epochs = 6 } },
        };
        var cluster = Path.Combine(root, "cluster-store");
        var (plan, directory) = Submit(cluster, [config]);
        var training = plan.Trainings.Single();
        var task = $"{submitted[^1].TrainingJob}_0";
        var metrics = Path.Combine(cluster, training.RunId, "metrics.jsonl");

        // Stop it once the first epoch is checkpointed, while later ones are still to come.
        LocalSlurm.WaitUntil(() => File.Exists(Path.Combine(cluster, training.RunId, "checkpoint.bin")), Patience, () => "the first epoch never finished");
        SlurmCommands.Run("scancel", "--signal=TERM", task);
        LocalSlurm.WaitUntil(() => Log(directory).Contains("stopped by a signal"), Patience, () => Log(directory));
        // Slurm holds a requeued job for about two minutes before it is eligible again; once the requeue is complete (the
        // task pending on its begin time; earlier, Slurm would start it with the old job's revoked credential), start it now.
        string Queue() => SlurmCommands.TryRun("squeue", "--noheader", "--array", "--jobs", task, "--format=%T %r")?.Trim() ?? "";
        LocalSlurm.WaitUntil(() => Queue() == "PENDING BeginTime", Patience, () => $"the task was not requeued: squeue says '{Queue()}'; " + Log(directory));
        SlurmCommands.Run("scontrol", "update", $"JobId={task}", "StartTime=now");

        var local = Path.Combine(root, "local-store");
        var file = Path.Combine(root, "l2p-six-epochs.json");
        File.WriteAllText(file, RunJson.Serialize(config));
        LocalSlurm.RunL2p("train", file, "--runs", local, "--threads", "1");

        IReadOnlyList<ExperimentStatus> statuses = [];
        LocalSlurm.WaitUntil(() => (statuses = ClusterStatus.Of(plan, directory, cluster)).All(s => s.State is "evaluated" or "failed"), Patience, () => Describe(statuses) + Log(directory));
        Assert.Equal("evaluated", Assert.Single(statuses).State);
        var log = Log(directory);
        Assert.Contains("restart 1", log);
        Assert.Matches("resumed from the checkpoint after epoch [1-5]\\)", log); // stopped mid-run, not after the last epoch
        Assert.Equal(Enumerable.Range(0, 6), File.ReadLines(metrics).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("epoch").GetInt32()));
        Assert.Equal(File.ReadAllBytes(Path.Combine(local, training.RunId, "checkpoint.bin")), File.ReadAllBytes(Path.Combine(cluster, training.RunId, "checkpoint.bin")));
    }

    [SlurmFact]
    public void AFailingTrainingShowsInStatusWithItsErrorAndItsEvaluationDoesNotRun()
    {
        var config = ExperimentCatalog.Get("table1/resnet-v1-20/none", Profile.Smoke);
        var cluster = Path.Combine(root, "cluster-store");
        // A damaged checkpoint: `l2p train` stops with an error naming it and leaves it untouched.
        var run = new RunStore(cluster).OpenOrCreate(config.Training, config.Name, "smoke", config.Training.Options.Seed, "cpu");
        File.WriteAllBytes(run.CheckpointPath, [1, 2, 3]);
        var (plan, directory) = Submit(cluster, [config]);

        IReadOnlyList<ExperimentStatus> statuses = [];
        LocalSlurm.WaitUntil(() => (statuses = ClusterStatus.Of(plan, directory, cluster)).All(s => s.State == "failed"), Patience, () => Describe(statuses));
        var status = Assert.Single(statuses);
        Assert.StartsWith($"training {config.Name}: exit code 1", status.Detail);
        Assert.Contains(status.LogTail, l => l.Contains(run.CheckpointPath, StringComparison.Ordinal));

        var (code, json, _) = CliTests.Run("cluster", "status", plan.Id[..6], "--runs", cluster, "--json");
        Assert.Equal(3, code);
        var row = Assert.Single(json.GetProperty("experiments").EnumerateArray());
        Assert.Equal("failed", row.GetProperty("state").GetString());
        Assert.Equal(1, json.GetProperty("counts").GetProperty("failed").GetInt32());
        Assert.Equal([1, 2, 3], File.ReadAllBytes(run.CheckpointPath));

        // Its evaluation waits in the queue on a dependency that can no longer be met: submitting the plan again is refused.
        var again = Assert.Throws<InvalidOperationException>(() => ClusterSubmitter.Submit(plan, directory, cluster, OneCpu, LocalSlurm.L2pCommand));
        Assert.Contains("already submitted", again.Message);
    }

    private static JsonElement Report(string resultPath) => JsonDocument.Parse(File.ReadAllText(resultPath)).RootElement.GetProperty("report");

    private static string Log(string directory)
    {
        var log = Path.Combine(directory, "logs", "train-0.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }
}
