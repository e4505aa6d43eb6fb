using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;

namespace Learn2Perturb.Tests.Experiments;

public sealed class ConfigOverridesTests
{
    private static ExperimentConfig Baseline(string group) => ExperimentCatalog.Get($"ablation/{group}/paper-default", Profile.Quick);

    // The parameters cells of notebooks 07 and 08 as they ship: each must train the catalog's model of the same name.
    public static TheoryData<string, string, string> CatalogVariants => new()
    {
        { "noise-reg", "off", "annealing=none" },
        { "noise-reg", "gamma-1e-3", "gamma=1e-3" },
        { "noise-reg", "gamma-1e-2", "gamma=1e-2" },
        { "noise-reg", "constant-tau", "annealing=constant" },
        { "training", "strict-alternation", "scheme=strict-alternation" },
        { "training", "reference-code", "scheme=reference-code" },
        { "training", "through-optimizer", "scheme=algorithm1" },
        { "training", "theta0-0.1", "theta0=0.1" },
        { "training", "theta0-0.5", "theta0=0.5" },
        { "training", "thetamin-0", "thetamin=0" },
        { "training", "shared-noise", "sampling=shared-across-batch" },
        { "training", "test-noise-off", "test-noise=off" },
        { "training", "placement-blocks-only", "placement=blocks-only" },
    };

    [Theory]
    [MemberData(nameof(CatalogVariants))]
    public void A_variant_built_from_settings_is_the_catalogs_experiment_of_that_name(string group, string name, string settings)
    {
        var built = Assert.Single(ConfigOverrides.Variants(Baseline(group), [(name, settings)]));
        var catalog = ExperimentCatalog.Get($"ablation/{group}/{name}", Profile.Quick);

        Assert.Equal($"ablation/{group}/{name}", built.Name);
        Assert.Equal(ConfigHash.Of(catalog.Training), ConfigHash.Of(built.Training)); // same run: trained once, by either
        Assert.Equal(ConfigHash.Of(catalog.Evaluation), ConfigHash.Of(built.Evaluation));
    }

    [Fact]
    public void A_new_value_is_a_new_run_and_the_name_says_what_changed()
    {
        var baseline = Baseline("noise-reg");
        var variant = ConfigOverrides.Variant(baseline, "gamma=5e-3, epochs=3");

        Assert.Equal("ablation/noise-reg/paper-default/gamma=5e-3,epochs=3", variant.Name);
        Assert.Equal(5e-3, variant.Training.Options.Regularizer.Gamma);
        Assert.Equal(3, variant.Training.Options.Epochs);
        Assert.NotEqual(ConfigHash.Of(baseline.Training), ConfigHash.Of(variant.Training));
        Assert.Equal(baseline.Training.Options.LearningRate, variant.Training.Options.LearningRate); // nothing else moves
        Assert.Same(baseline, ConfigOverrides.Variant(baseline, " "));
    }

    [Fact]
    public void Text_settings_keep_their_hyphens_and_only_enum_names_become_snake_case()
    {
        var changed = ConfigOverrides.Apply(Baseline("training"), ["training.defense=l2p-r", "training.model=resnet-v1-32", "sampling=shared-across-batch"]);

        Assert.Equal("l2p-r", changed.Training.Defense);
        Assert.Equal("resnet-v1-32", changed.Training.Model);
        Assert.Equal(Learn2Perturb.Perturbation.NoiseSampling.SharedAcrossBatch, changed.Training.Perturbation!.Sampling);
    }

    [Fact]
    public void A_setting_by_its_json_path_works_like_its_short_name()
    {
        var baseline = Baseline("noise-reg");

        var byPath = ConfigOverrides.Apply(baseline, ["training.options.regularizer.gamma=2e-3"]);
        var byName = ConfigOverrides.Apply(baseline, ["gamma=2e-3"]);

        Assert.Equal(ConfigHash.Of(byName.Training), ConfigHash.Of(byPath.Training));
    }

    [Theory]
    [InlineData("gama=1e-3", "unknown setting 'gama': did you mean 'gamma'?")]
    [InlineData("training.options.epochz=3", "unknown key 'training.options.epochz' (the closest valid key is 'training.options.epochs')")]
    [InlineData("training.perturbation.theta00=0.1", "the closest valid key is 'training.perturbation.theta0'")]
    [InlineData("gamma", "'gamma': expected key=value")]
    [InlineData("scheme=sideways", "scheme=sideways")]
    [InlineData("epochs=0", "Epochs")]
    public void Bad_settings_are_rejected_naming_them(string setting, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => ConfigOverrides.Variant(Baseline("noise-reg"), setting));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Two_variants_of_one_name_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfigOverrides.Variants(Baseline("noise-reg"), [("a", "gamma=1e-3"), ("a", "gamma=1e-2")]));
        Assert.Contains("two variants are named 'a'", e.Message);
    }
}
