using Learn2Perturb.Cluster;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Tests.Cluster;

/// <summary>The batch scripts and the Slurm commands that wire their dependencies.</summary>
public sealed class SbatchScriptsTests
{
    private static readonly ClusterPlan Plan = ClusterPlan.Build([.. ExperimentCatalog.Configs("blackbox", Profile.Smoke)], Profile.Smoke);

    [Fact]
    public void TheTrainingArrayRunsOneTaskPerTrainingAndRequeuesOnSigterm()
    {
        var options = SlurmOptions.For(Profile.Paper) with { Partition = "gpu", Account = "lab" };
        var script = SbatchScripts.Training(Plan, "/shared/runs/cluster/x", "/shared/runs", options, "dotnet /shared/l2p/l2p.dll");
        var lines = script.Split('\n');
        Assert.Contains($"#SBATCH --array=0-{Plan.Trainings.Count - 1}", lines);
        Assert.Contains("#SBATCH --gpus=1", lines);
        Assert.Contains("#SBATCH --partition=gpu", lines);
        Assert.Contains("#SBATCH --account=lab", lines);
        Assert.Contains("#SBATCH --time=1-00:00:00", lines);
        Assert.Contains("#SBATCH --signal=TERM@600", lines);
        Assert.Contains("#SBATCH --requeue", lines);
        foreach (var t in Plan.Trainings)
            Assert.Contains(lines, l => l.StartsWith($"  {t.Index}) experiment=", StringComparison.Ordinal) && l.Contains(t.Argument) && l.Contains(t.RunId));
        Assert.Contains(lines, l => l.StartsWith("srun ", StringComparison.Ordinal) && l.Contains("dotnet /shared/l2p/l2p.dll train \"$experiment\" --profile smoke --runs \"$L2P_RUNS\" --threads \"$threads\""));
        Assert.Contains("  scontrol requeue \"$SLURM_JOB_ID\" && exit 0", lines);
        Assert.DoesNotContain("#SBATCH --gpus", SbatchScripts.Evaluation(Plan, "/d", "/r", SlurmOptions.For(Profile.Smoke), "l2p"));
    }

    [Fact]
    public void EachTaskWaitsForExactlyTheTrainingsItNeeds()
    {
        var commands = ClusterSubmitter.Commands(Plan, "/d", "11", "12");
        Assert.Equal(["sbatch", "--parsable", "--hold", "/d/train.sbatch"], commands[0]);
        Assert.Equal(["sbatch", "--parsable", "--hold", "/d/eval.sbatch"], commands[1]);
        var dependencies = commands.Where(c => c[1] == "update").ToDictionary(c => c[2], c => c[3]);
        foreach (var e in Plan.Evaluations)
            Assert.Equal("Dependency=afterok:" + string.Join(':', e.After.Select(i => $"11_{i}")), dependencies[$"JobId=12_{e.Index}"]);
        foreach (var t in Plan.Trainings)
            Assert.Equal(t.After.Count > 0, dependencies.ContainsKey($"JobId=11_{t.Index}"));
        Assert.Equal([["scontrol", "release", "11"], ["scontrol", "release", "12"]], commands.TakeLast(2));
    }

    [Theory]
    [InlineData("90", 90 * 60)]
    [InlineData("30:15", 30 * 60 + 15)]
    [InlineData("12:00:00", 12 * 3600)]
    [InlineData("2-00", 2 * 86400)]
    [InlineData("1-06:30", 86400 + 6 * 3600 + 30 * 60)]
    [InlineData("1-00:00:30", 86400 + 30)]
    public void SlurmTimeLimitsParse(string text, int seconds) => Assert.Equal(seconds, SlurmTime.Parse(text).TotalSeconds);

    [Theory]
    [InlineData("1h")]
    [InlineData("1:2:3:4")]
    [InlineData("-5")]
    public void ABadTimeLimitIsRefusedNamingTheFormats(string text) =>
        Assert.Contains("Slurm's formats", Assert.Throws<ArgumentException>(() => SlurmTime.Parse(text)).Message);

    [Fact]
    public void BadOptionsAreRefusedNamingTheOption()
    {
        var ok = SlurmOptions.For(Profile.Smoke);
        Assert.Contains("--time", Assert.Throws<ArgumentException>(() => (ok with { Time = "2" }).Validate()).Message);
        Assert.Contains("--cpus-per-job", Assert.Throws<ArgumentException>(() => (ok with { CpusPerJob = 0 }).Validate()).Message);
        Assert.Contains("--mem", Assert.Throws<ArgumentException>(() => (ok with { Memory = "lots" }).Validate()).Message);
        Assert.Contains("--partition", Assert.Throws<ArgumentException>(() => (ok with { Partition = "a b" }).Validate()).Message);
    }
}
