using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Learn2Perturb.Plotting;
using Learn2Perturb.Runs;
using Learn2Perturb.Tests.Plotting;
using Learn2Perturb.Tests.Runs;

namespace Learn2Perturb.Tests.Experiments;

[Collection(TorchRandomCollection.Name)]
public sealed class SeedsTests
{
    private static ExperimentConfig Quick(string defense = "l2p") => ExperimentCatalog.Get($"table1/resnet-v1-20/{defense}", Profile.Quick);

    [Fact]
    public void Seed_zero_is_the_experiment_unchanged_so_stored_runs_stay_seed_zero()
    {
        var config = Quick();
        Assert.Same(config, Seeds.With(config, 0));
        Assert.Equal(ConfigHash.Of(config.Training), ConfigHash.Of(Seeds.Of(config, 3)[0].Training));
    }

    [Fact]
    public void Every_seed_is_its_own_run_and_its_own_evaluation()
    {
        var seeds = Seeds.Of(Quick(), 3);
        Assert.Equal(["table1/resnet-v1-20/l2p", "table1/resnet-v1-20/l2p/seed=1", "table1/resnet-v1-20/l2p/seed=2"], seeds.Select(s => s.Name));
        Assert.Equal([0L, 1, 2], seeds.Select(s => s.Training.Options.Seed));
        Assert.Equal([ExperimentProfiles.EvaluationSeed, ExperimentProfiles.EvaluationSeed + 1, ExperimentProfiles.EvaluationSeed + 2], seeds.Select(s => s.Evaluation.Seed));
        Assert.Equal(3, seeds.Select(s => ConfigHash.Of(s.Training)).Distinct().Count());
        Assert.Equal(3, seeds.Select(s => ConfigHash.Of(s.Evaluation)).Distinct().Count());
        // Nothing but the seeds moves.
        Assert.Equal(seeds[0].Training with { Options = seeds[0].Training.Options with { Seed = 2 } }, seeds[2].Training);
    }

    [Fact]
    public void Seed_counts_and_seeds_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Seeds.Of(Quick(), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Seeds.With(Quick(), -1));
        Assert.Equal(3, Seeds.DefaultCount(Profile.Medium));
        Assert.Equal(1, Seeds.DefaultCount(Profile.Quick));
    }

    [Fact]
    public void Medium_trains_and_attacks_at_epsilon_one_tenth_with_quicks_schedule()
    {
        var quick = Quick();
        var medium = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Medium);
        Assert.Equal(0.1, medium.Training.Options.AdversarialThreat.Epsilon);
        Assert.Equal(2.5 * 0.1 / 7, medium.Training.Options.AdversarialPgd.StepSize, 12);
        Assert.Equal(ConfigHash.Of(quick.Training with { Options = quick.Training.Options with
        {
            AdversarialThreat = medium.Training.Options.AdversarialThreat, AdversarialPgd = medium.Training.Options.AdversarialPgd,
        } }), ConfigHash.Of(medium.Training));
        Assert.Equal(["fgsm@25.5/255", "pgd-7@25.5/255", "pgd-7-eot5@25.5/255"], medium.Evaluation.Attacks.Select(a => a.Name));
        Assert.Equal((500, 2), (medium.Evaluation.TestImages, medium.Evaluation.Repeats));
        Assert.Equal(Profile.Medium, Profiles.Parse("medium"));
    }

    private static EvaluationResult Result(string defense, int seed, double clean, double pgd, double worst)
    {
        var eps = ExperimentProfiles.MediumEpsilon;
        var r = ResultTableTests.Result("resnet-v1-20", defense, defense == "l2p" ? new PaperNumbers(Clean: 83.62, Pgd: 51.13, Fgsm: 58.41) : new PaperNumbers(Clean: 83.8, Pgd: 39.1, Fgsm: 46.6),
            new MeanStd(clean, 0.1, 3), [(AttackSpec.Fgsm(eps), new MeanStd(pgd + 5, 0.2, 3)), (AttackSpec.Pgd(eps), new MeanStd(pgd, 0.2, 3))]);
        return r with
        {
            Profile = "medium",
            Config = r.Config with { Seed = ExperimentProfiles.EvaluationSeed + seed },
            Report = r.Report with { WorstCase = new MeanStd(worst, 0.3, 3) },
        };
    }

    [Fact]
    public void The_table_pairs_seeds_and_counts_an_effect_only_when_its_interval_excludes_zero()
    {
        var vanilla = SeededResults.Of("table1/resnet-v1-20/vanilla", [Result("vanilla", 0, 85, 60, 58), Result("vanilla", 1, 86, 64, 61), Result("vanilla", 2, 84, 62, 60)]);
        var l2p = SeededResults.Of("table1/resnet-v1-20/l2p", [Result("l2p", 0, 84, 62, 57), Result("l2p", 1, 86, 66.5, 62.5), Result("l2p", 2, 85, 63.8, 59)]);

        var rows = SeedTable.Rows([vanilla, l2p], vanilla);

        Assert.Equal("(baseline)", rows[0].DiffPgd);
        Assert.Equal("62.00 ± 4.97 (n = 3)", rows[0].Pgd);
        Assert.Equal("+2.10 ± 0.90 (n = 3)", rows[1].DiffPgd);  // 2, 2.5, 1.8
        Assert.Equal("0.00 ± 2.48 (n = 3)", rows[1].DiffClean);  // −1, 0, +1
        Assert.Equal(ResultTable.NotMeasured, rows[1].EotPgd);
        Assert.Equal("FGSM higher, PGD higher", rows[1].Resolved); // the worst case (−1, +1.5, −1) is not
        Assert.Equal(12.03, rows[1].PaperDiffPgd);
    }

    [Fact]
    public void The_conclusions_are_computed_by_the_stated_rule()
    {
        var vanilla = SeededResults.Of("v", [Result("vanilla", 0, 85, 60, 58), Result("vanilla", 1, 86, 64, 61), Result("vanilla", 2, 84, 62, 60)]);
        var l2p = SeededResults.Of("l", [Result("l2p", 0, 84, 62, 57), Result("l2p", 1, 86, 66.5, 62.5), Result("l2p", 2, 85, 63.8, 59)]);

        var line = Assert.Single(SeedConclusions.Describe([vanilla, l2p], vanilla));

        Assert.StartsWith("l2p − vanilla, 3 seed(s): clean 0.00 ± 2.48 (n = 3) (not resolved: the interval includes 0;", line);
        Assert.Contains("PGD +2.10 ± 0.90 (n = 3) (resolved: higher)", line);
        Assert.Contains("worst case −0.17 ± ", line);
        Assert.EndsWith("the paper, under PGD on CIFAR-10: +12.03.", line);
        var single = SeedConclusions.Describe([SeededResults.Of("v", [vanilla.First]), SeededResults.Of("l", [l2p.First])], SeededResults.Of("v", [vanilla.First]));
        Assert.Contains("(no interval (one seed))", single[0]);
        Assert.StartsWith("One seed: no interval", single[1]);
    }

    [Fact]
    public void A_paired_difference_needs_the_same_seeds_on_both_sides()
    {
        var two = SeededResults.Of("a", [Result("vanilla", 0, 85, 60, 58), Result("vanilla", 1, 86, 64, 61)]);
        var shifted = SeededResults.Of("b", [Result("l2p", 1, 85, 60, 58), Result("l2p", 0, 86, 64, 61)]);
        var three = SeededResults.Of("c", [Result("l2p", 0, 85, 60, 58), Result("l2p", 1, 86, 64, 61), Result("l2p", 2, 86, 64, 61)]);
        Assert.Contains("same seeds", Assert.Throws<ArgumentException>(() => three.DifferenceTo(two, r => r.Report.Clean.Mean)).Message);
        Assert.Contains("same seeds", Assert.Throws<ArgumentException>(() => shifted.DifferenceTo(two, r => r.Report.Clean.Mean)).Message);
    }

    [Fact]
    public void The_charts_draw_the_intervals_as_error_bars()
    {
        var vanilla = SeededResults.Of("v", [Result("vanilla", 0, 85, 60, 58), Result("vanilla", 1, 86, 64, 61), Result("vanilla", 2, 84, 62, 60)]);
        var l2p = SeededResults.Of("l", [Result("l2p", 0, 84, 62, 57), Result("l2p", 1, 86, 66.5, 62.5), Result("l2p", 2, 85, 63.8, 59)]);

        var bars = ResultCharts.AcrossSeeds([vanilla, l2p], "t");
        var pgd = bars.Traces.Single(t => t["name"]!.GetValue<string>() == "PGD");
        Assert.Equal(Interval.Of([60.0, 64, 62]).HalfWidth, pgd["error_y"]!["array"]![0]!.GetValue<double>(), 9);

        var diffs = ResultCharts.Differences([vanilla, l2p], vanilla, "t");
        Assert.Equal(["clean", "FGSM", "PGD", "worst case", "PGD · paper"], diffs.Traces.Select(t => t["name"]!.GetValue<string>()));
        Assert.Equal(2.1, diffs.Traces[2]["y"]![0]!.GetValue<double>(), 9);
        Assert.Equal("l2p", diffs.Traces[2]["x"]![0]!.GetValue<string>());
    }
}

/// <summary>Seeds through the run store on a tiny model: each seed trains its own weights and evaluates with its own seed.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class SeededRunnerTests : IDisposable
{
    private readonly TempRunStore temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void Each_seed_trains_its_own_model_and_the_results_come_back_in_seed_order()
    {
        var smoke = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Smoke);
        var config = smoke with
        {
            Training = smoke.Training with { TrainImages = 64, Options = smoke.Training.Options with { Epochs = 1 } },
            Evaluation = smoke.Evaluation with { TestImages = 32, Attacks = [AttackSpec.Fgsm(8 / 255.0)] },
        };
        var results = new ExperimentRunner(temp.Store).TrainAndEvaluate(config, 2);

        Assert.Equal(config.Name, results.Experiment);
        Assert.Equal([ExperimentProfiles.EvaluationSeed, ExperimentProfiles.EvaluationSeed + 1], results.Seeds.Select(r => r.Config.Seed));
        Assert.NotEqual(results.Seeds[0].RunId, results.Seeds[1].RunId);
        var weights = results.Seeds.Select(r => temp.Store.Get(r.RunId).ReadCheckpoint()!["model"]).ToList();
        Assert.NotEqual(weights[0], weights[1]);
        Assert.Equal(2, results.Measure(r => r.Report.Clean.Mean)!.N);
    }
}
