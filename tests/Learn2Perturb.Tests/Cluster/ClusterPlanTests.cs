using Learn2Perturb.Cluster;
using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;

namespace Learn2Perturb.Tests.Cluster;

/// <summary>Plans: unique trainings by run id, unique evaluations by stored result, and exactly the dependencies each needs.</summary>
public sealed class ClusterPlanTests
{
    private static ClusterPlan PlanOf(Profile profile, params string[] prefixes) =>
        ClusterPlan.Build([.. prefixes.SelectMany(p => ExperimentCatalog.Configs(p, profile))], profile);

    [Theory]
    [InlineData(Profile.Smoke)]
    [InlineData(Profile.Paper)]
    public void EveryExperimentIsPlannedOnceWithItsOwnTrainingAndEvaluation(Profile profile)
    {
        var configs = new[] { "table1", "table2", "figure5", "ablation" }.SelectMany(p => ExperimentCatalog.Configs(p, profile)).ToList();
        var plan = ClusterPlan.Build(configs, profile);
        Assert.Equal(configs.Select(c => ConfigHash.Of(c.Training)).Distinct().Order(), plan.Trainings.Select(t => t.RunId).Order());
        Assert.Equal(configs.Select(c => c.Name).Order(), plan.ExperimentNames.Order());
        foreach (var c in configs)
        {
            var evaluation = Assert.Single(plan.Evaluations, e => e.Experiments.Contains(c.Name));
            Assert.Equal((ConfigHash.Of(c.Training), "eval-" + ConfigHash.Of(c.Evaluation)), (evaluation.RunId, evaluation.ResultKey));
            Assert.Equal([ConfigHash.Of(c.Training)], evaluation.After.Select(i => plan.Trainings[i].RunId));
            Assert.Contains(c.Name, plan.Trainings[evaluation.After[0]].Experiments);
        }
        Assert.Equal(plan.Evaluations.Count, plan.Evaluations.Select(e => (e.RunId, e.ResultKey)).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, plan.Trainings.Count), plan.Trainings.Select(t => t.Index));
    }

    [Fact]
    public void TableCellsThatTrainTheSameModelShareOneTraining()
    {
        var plan = PlanOf(Profile.Paper, "table1", "table2");
        var l2p = Assert.Single(plan.Trainings, t => t.Experiments.Contains("table1/resnet-v1-20/l2p"));
        Assert.Contains("table2/resnet-v1-20/l2p", l2p.Experiments);
        Assert.Equal("table1/resnet-v1-20/l2p", l2p.Argument);
        Assert.Equal(12 + 24 - 3, plan.Trainings.Count); // Table 2's L2P cells on V1(20), V1(56) and V2(18) are Table 1's
    }

    [Fact]
    public void ATransferSourceIsItsOwnTrainingThatItsTargetsAndTheirEvaluationsWaitFor()
    {
        var plan = PlanOf(Profile.Smoke, "blackbox");
        var source = Assert.Single(plan.Trainings, t => t.Experiments.Any(n => n.StartsWith("transfer-source/", StringComparison.Ordinal)));
        Assert.StartsWith("configs/", source.Argument);
        Assert.True(plan.ConfigFiles.ContainsKey(source.Argument));
        Assert.All(plan.Trainings.Where(t => t != source), t => Assert.Equal([source.Index], t.After));
        Assert.All(plan.Evaluations, e => Assert.Contains(source.Index, e.After));
    }

    [Fact]
    public void ThePlanIdFollowsTheWorkNotTheOrderOfNames()
    {
        Assert.Equal(PlanOf(Profile.Smoke, "table1").Id, PlanOf(Profile.Smoke, "table1/resnet-v1-20", "table1").Id);
        Assert.NotEqual(PlanOf(Profile.Smoke, "table1").Id, PlanOf(Profile.Quick, "table1").Id);
        Assert.NotEqual(PlanOf(Profile.Smoke, "table1").Id, PlanOf(Profile.Smoke, "table2").Id);
    }

    [Fact]
    public void APlanReadsBackAsWritten()
    {
        var plan = PlanOf(Profile.Smoke, "blackbox");
        var directory = Directory.CreateTempSubdirectory("l2p-plan-").FullName;
        try
        {
            plan.WriteTo(directory);
            Assert.Equal(RunJson.Canonical(plan), RunJson.Canonical(ClusterPlan.Read(directory)));
            var file = RunJson.ReadFile<ExperimentConfig>(Path.Combine(directory, plan.Trainings[0].Argument), "config");
            Assert.Equal(plan.Trainings[0].RunId, ConfigHash.Of(file.Training));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
