using Learn2Perturb.Experiments;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Runs;
using Learn2Perturb.Tests.Evaluation;

namespace Learn2Perturb.Tests.Experiments;

/// <summary>The EOT (notebook 06) and adaptive-evaluation (notebook 09) groups of the catalog.</summary>
public sealed class AdaptiveCatalogTests
{
    [Theory]
    [InlineData(Profile.Smoke)]
    [InlineData(Profile.Quick)]
    [InlineData(Profile.Paper)]
    public void EotModelsAreTheTrainingAblationsModels(Profile profile)
    {
        Assert.Equal(["eot/resnet-v1-20/per-sample", "eot/resnet-v1-20/shared"], ExperimentCatalog.Matching("eot"));
        Assert.Equal(ConfigHash.Of(ExperimentCatalog.Get("ablation/training/paper-default", profile).Training),
            ConfigHash.Of(ExperimentCatalog.Get("eot/resnet-v1-20/per-sample", profile).Training));
        var shared = ExperimentCatalog.Get("eot/resnet-v1-20/shared", profile).Training;
        Assert.Equal(ConfigHash.Of(ExperimentCatalog.Get("ablation/training/shared-noise", profile).Training), ConfigHash.Of(shared));
        Assert.Equal(NoiseSampling.SharedAcrossBatch, shared.Perturbation!.Sampling);
    }

    [Fact]
    public void TheEotSweepRunsFgsmAndPgdAtEightOver255ForEachDrawCount()
    {
        var paper = ExperimentCatalog.Get("eot/resnet-v1-20/shared", Profile.Paper).Evaluation;
        paper.Validate();
        Assert.All(paper.Attacks, a => Assert.Equal(8.0 / 255, a.Epsilon, 12));
        Assert.Equal([1, 2, 5, 10, 30], paper.Attacks.Where(a => a.Kind == "pgd").Select(a => a.EotSamples)); // the reference code's 30
        Assert.Equal([1, 2, 5, 10, 30], paper.Attacks.Where(a => a.Kind == "fgsm").Select(a => a.EotSamples));
        Assert.All(paper.Attacks.Where(a => a.Kind == "pgd"), a => Assert.Equal((7, 0.01, 1), (a.Steps, a.StepSize, a.Restarts)));
        // The reference code's EOT (K copies in one batch) next to ours, at the same draws, for the degenerate case.
        Assert.Equal(paper.Attacks.Where(a => a.Kind == "pgd").Select(a => a with { Kind = "pgd-batch-eot" }), paper.Attacks.Where(a => a.Kind == "pgd-batch-eot"));
        Assert.Null(ExperimentCatalog.Get("eot/resnet-v1-20/per-sample", Profile.Paper).Reported); // docs/method.md §6: not available
    }

    [Theory]
    [InlineData("l2p")]
    [InlineData("vanilla")]
    public void AdaptiveEvaluationsAttackTable1sModels(string defence)
    {
        foreach (var profile in new[] { Profile.Smoke, Profile.Quick, Profile.Paper })
        {
            var table1 = ConfigHash.Of(ExperimentCatalog.Get($"table1/resnet-v1-20/{defence}", profile).Training);
            var group = ExperimentCatalog.Configs($"adaptive/resnet-v1-20/{defence}", profile);
            Assert.All(group, c => Assert.Equal(table1, ConfigHash.Of(c.Training)));
            Assert.All(group, c => c.Evaluation.Validate());
        }
        var names = ExperimentCatalog.Matching($"adaptive/resnet-v1-20/{defence}").Select(n => n.Split('/')[^1]);
        Assert.Equal(defence == "l2p" ? ["autoattack", "steps", "restarts", "eot-samples", "epsilon"] : ["autoattack", "steps", "restarts", "epsilon"], names);
    }

    [Fact]
    public void AutoAttackOnThePaperProfileIsTheRandVersionNextToTable1sAttacks()
    {
        var l2p = ExperimentCatalog.Get("adaptive/resnet-v1-20/l2p/autoattack", Profile.Paper);
        var labels = l2p.Evaluation.Attacks.Select(a => a.Name).ToList();
        Assert.Equal(["fgsm@8/255", "pgd-7@8/255", "pgd-7-eot20@8/255", "apgd-ce-100-eot20@8/255", "apgd-dlr-100-eot20@8/255"], labels);
        Assert.Equal(51.13, l2p.Reported!.Pgd); // Table 1, V1(20), L2P
        var vanilla = ExperimentCatalog.Get("adaptive/resnet-v1-20/vanilla/autoattack", Profile.Paper);
        Assert.All(vanilla.Evaluation.Attacks, a => Assert.Equal(1, a.EotSamples)); // deterministic: no EOT
        Assert.Equal(39.1, vanilla.Reported!.Pgd);
    }

    [Theory]
    [InlineData("steps", StrengthParameter.Steps)]
    [InlineData("restarts", StrengthParameter.Restarts)]
    [InlineData("eot-samples", StrengthParameter.EotSamples)]
    [InlineData("epsilon", StrengthParameter.Epsilon)]
    public void EachSweepVariesOneParameterOfTheBaseAttack(string sweep, StrengthParameter parameter)
    {
        foreach (var profile in new[] { Profile.Smoke, Profile.Quick, Profile.Paper })
        {
            var attacks = ExperimentCatalog.Get($"adaptive/resnet-v1-20/l2p/{sweep}", profile).Evaluation.Attacks;
            var result = StrengthSweepTests.Result("adaptive/resnet-v1-20/l2p/" + sweep, [.. attacks.Select(a => (a, 50.0, 0.0))]);
            Assert.True(StrengthSweeps.Holds(result, "pgd", parameter), $"{sweep} on {profile}");
            Assert.All(Enum.GetValues<StrengthParameter>().Where(p => p != parameter), p => Assert.False(StrengthSweeps.Holds(result, "pgd", p)));
        }
    }

    [Fact]
    public void TheEpsilonSweepGrowsItsStepSoThatTheStepsCanCrossTheBall()
    {
        var attacks = ExperimentCatalog.Get("adaptive/resnet-v1-20/vanilla/epsilon", Profile.Quick).Evaluation.Attacks;
        Assert.Equal(64.0 / 255, attacks[^1].Epsilon, 12);
        Assert.All(attacks, a => Assert.True(a.Steps * a.StepSize >= 2 * a.Epsilon, $"{a.Name}: {a.Steps} × {a.StepSize} cannot cross the ball"));
        Assert.Equal(0.01, attacks.Single(a => Math.Abs(a.Epsilon * 255 - 8) < 1e-9).StepSize); // the paper's PGD at 8/255
    }
}

/// <summary>A notebook's parameters cell re-runs a sweep at other values; the profile's own values give back the catalog's config.</summary>
public sealed class SweepParameterTests
{
    [Fact]
    public void The_profiles_own_values_give_back_the_catalogs_config_so_stored_results_are_reused()
    {
        foreach (var (name, parameter, values) in new (string, StrengthParameter, double[])[]
        {
            ("figure5/cifar100/pgd/l2p", StrengthParameter.Epsilon, [0, 2, 4, 6, 8, 10, 12, 15]),
            ("eot/resnet-v1-20/per-sample", StrengthParameter.EotSamples, [1, 2, 5, 10, 20]),
            ("adaptive/resnet-v1-20/l2p/steps", StrengthParameter.Steps, [1, 3, 7, 20]),
            ("adaptive/resnet-v1-20/l2p/restarts", StrengthParameter.Restarts, [1, 2, 4]),
            ("adaptive/resnet-v1-20/vanilla/epsilon", StrengthParameter.Epsilon, [2, 4, 8, 16, 32, 64]),
        })
        {
            var catalog = ExperimentCatalog.Get(name, Profile.Quick);
            Assert.Equal(ConfigHash.Of(catalog.Evaluation), ConfigHash.Of(StrengthSweeps.WithValues(catalog, parameter, values).Evaluation));
        }
    }

    [Fact]
    public void New_values_rebuild_every_family_of_the_sweep_with_the_step_rule()
    {
        var eot = StrengthSweeps.WithValues(ExperimentCatalog.Get("eot/resnet-v1-20/per-sample", Profile.Quick), StrengthParameter.EotSamples, [3, 30]);
        Assert.Equal(["fgsm-eot3@8/255", "fgsm-eot30@8/255", "pgd-7-eot3@8/255", "pgd-7-eot30@8/255", "pgd-7-eot3-batch@8/255", "pgd-7-eot30-batch@8/255"],
            eot.Evaluation.Attacks.Select(a => a.Name));
        var eps = StrengthSweeps.WithValues(ExperimentCatalog.Get("figure5/cifar100/pgd/l2p", Profile.Quick), StrengthParameter.Epsilon, [16]);
        var pgd = Assert.Single(eps.Evaluation.Attacks);
        Assert.Equal((16 / 255.0, 2.5 * 16 / 255.0 / 7), (pgd.Epsilon, pgd.StepSize));
        var configs = ExperimentCatalog.Configs("adaptive/resnet-v1-20/l2p", Profile.Quick);
        var changed = StrengthSweeps.WithValues(configs, StrengthParameter.Steps, [50]);
        Assert.Equal(configs.Select(c => c.Name.EndsWith("/steps") ? 1 : c.Evaluation.Attacks.Count), changed.Select(c => c.Evaluation.Attacks.Count));
        Assert.Same(configs, StrengthSweeps.WithValues(configs, StrengthParameter.Steps, null));
    }

    [Fact]
    public void Values_a_parameter_cannot_take_are_named()
    {
        var steps = ExperimentCatalog.Get("adaptive/resnet-v1-20/l2p/steps", Profile.Quick);
        Assert.Contains("whole numbers ≥ 1, got 2.5", Assert.Throws<ArgumentException>(() => StrengthSweeps.WithValues(steps, StrengthParameter.Steps, [1, 2.5])).Message);
        Assert.Contains("no eot-samples sweep", Assert.Throws<ArgumentException>(() => StrengthSweeps.WithValues(steps, StrengthParameter.EotSamples, [1, 2])).Message);
        Assert.Contains("at least one value", Assert.Throws<ArgumentException>(() => StrengthSweeps.WithValues(steps, StrengthParameter.Steps, [])).Message);
    }

    [Fact]
    public void The_cw_sweep_takes_other_confidences_and_keeps_its_budget()
    {
        var catalog = ExperimentCatalog.Get("cw/resnet-v1-20/l2p", Profile.Quick);
        Assert.Same(catalog, ExperimentCatalog.WithConfidences(catalog, null));
        Assert.Equal(ConfigHash.Of(catalog.Evaluation), ConfigHash.Of(ExperimentCatalog.WithConfidences(catalog, ExperimentCatalog.CwConfidences).Evaluation));
        var two = ExperimentCatalog.WithConfidences(catalog, [0, 10]);
        Assert.Equal([0.0, 10], two.Evaluation.Minimal!.Select(m => m.Confidence));
        Assert.All(two.Evaluation.Minimal!, m => Assert.Equal((catalog.Evaluation.Minimal![0].Steps, catalog.Evaluation.Minimal![0].Images), (m.Steps, m.Images)));
        Assert.Throws<ArgumentException>(() => ExperimentCatalog.WithConfidences(catalog, [-1]));
        Assert.Throws<ArgumentException>(() => ExperimentCatalog.WithConfidences(ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Quick), [1]));
    }
}
