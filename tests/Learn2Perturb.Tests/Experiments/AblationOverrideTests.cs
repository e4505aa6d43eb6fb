using Learn2Perturb.Experiments;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Runs;
using Learn2Perturb.Training;

namespace Learn2Perturb.Tests.Experiments;

/// <summary>The ablation overrides of a config: θ modules on the training side, test-time noise on the evaluation side.</summary>
public sealed class AblationOverrideTests
{
    [Fact]
    public void WithoutOverridesTheConfigsJsonAndRunIdAreUnchanged()
    {
        var training = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Quick).Training;
        Assert.DoesNotContain("perturbation", RunJson.Canonical(training));
        var shared = training with { Perturbation = new PerturbationOptions(Sampling: NoiseSampling.SharedAcrossBatch) };
        Assert.Contains("\"sampling\":\"shared_across_batch\"", RunJson.Canonical(shared));
        Assert.NotEqual(ConfigHash.Of(training), ConfigHash.Of(shared));
        Assert.Equal(ConfigHash.Of(shared), ConfigHash.Of(RunJson.Deserialize<TrainingConfig>(RunJson.Serialize(shared))));
    }

    [Fact]
    public void ThePerturbationOverrideReplacesTheDefencesThetaModules()
    {
        var training = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Smoke).Training with { Perturbation = new PerturbationOptions(Theta0: 0.1, ThetaMin: 0.05) };
        Assert.Equal(0.1, training.ResolveDefense().Perturbation!.Theta0);
        Assert.Equal(0.25, DefenseSpec.Parse(training.Defense).Perturbation!.Theta0); // the named defence is untouched
    }

    [Fact]
    public void APerturbationOverrideOnADefenceWithoutThetaIsRefusedByName()
    {
        var training = ExperimentCatalog.Get("table1/resnet-v1-20/vanilla", Profile.Smoke).Training with { Perturbation = new PerturbationOptions() };
        var e = Assert.Throws<ArgumentException>(() => training.ResolveDefense());
        Assert.Contains("vanilla", e.Message);
        Assert.Equal("Perturbation", e.ParamName);
        var negative = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Smoke).Training with { Perturbation = new PerturbationOptions(Theta0: -1) };
        Assert.Throws<ArgumentOutOfRangeException>(() => negative.ResolveDefense());
    }

    [Fact]
    public void TestTimeNoiseOffIsAnEvaluationOfItsOwnAndKeepsOldKeysWhenUnset()
    {
        var evaluation = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Quick).Evaluation;
        Assert.DoesNotContain("test_time_noise", RunJson.Canonical(evaluation));
        var off = evaluation with { TestTimeNoise = NoiseMode.Off };
        Assert.Contains("\"test_time_noise\":\"off\"", RunJson.Canonical(off));
        Assert.NotEqual(ConfigHash.Of(evaluation), ConfigHash.Of(off));
        Assert.Throws<ArgumentOutOfRangeException>(() => (evaluation with { TestTimeNoise = (NoiseMode)7 }).Validate());
    }

    [Fact]
    public void EachAblationChangesOneThingAgainstItsGroupsPaperDefault()
    {
        var reg = ExperimentCatalog.Configs("ablation/noise-reg", Profile.Quick);
        var scheme = ExperimentCatalog.Configs("ablation/training", Profile.Quick);
        var defaultRun = ConfigHash.Of(reg[0].Training);
        Assert.Equal(defaultRun, ConfigHash.Of(scheme[0].Training)); // one run serves both groups' defaults
        Assert.NotEqual(ConfigHash.Of(ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Quick).Training), defaultRun); // the ablation schedule
        Assert.All(reg.Concat(scheme).Where(c => !c.Name.EndsWith("paper-default") && !c.Name.EndsWith("test-noise-off")),
            c => Assert.NotEqual(defaultRun, ConfigHash.Of(c.Training)));
        var off = ExperimentCatalog.Get("ablation/training/test-noise-off", Profile.Quick);
        Assert.Equal(defaultRun, ConfigHash.Of(off.Training)); // the same model, evaluated without noise
        Assert.Equal(NoiseMode.Off, off.Evaluation.TestTimeNoise);
        Assert.Equal(4_000, reg[0].Training.TrainImages);
        Assert.Equal(6, reg[0].Training.Options.Epochs);
        // Quick evaluates the ablations as the tables (the lead's stored quick results keep their keys); smoke shrinks
        // both the schedule and the evaluation, so a notebook of eight variants stays within its smoke budget.
        Assert.All(reg.Concat(scheme).Where(c => !c.Name.EndsWith("test-noise-off")),
            c => Assert.Equal(ConfigHash.Of(ExperimentProfiles.Evaluation(Profile.Quick, ExperimentProfiles.TableAttacks)), ConfigHash.Of(c.Evaluation)));
        var smoke = ExperimentCatalog.Get("ablation/noise-reg/paper-default", Profile.Smoke);
        Assert.Equal((64, 3, "resnet-v1-8"), (smoke.Training.TrainImages!.Value, smoke.Training.Options.Epochs, smoke.Training.Model));
        Assert.Equal((32, 2), (smoke.Evaluation.TestImages!.Value, smoke.Evaluation.Repeats));
    }
}
