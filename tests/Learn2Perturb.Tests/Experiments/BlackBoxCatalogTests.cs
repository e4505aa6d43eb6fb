using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;

namespace Learn2Perturb.Tests.Experiments;

/// <summary>The catalog groups of notebooks 04 (<c>cw/*</c>) and 05 (<c>blackbox/*</c>).</summary>
public sealed class BlackBoxCatalogTests
{
    private static readonly string[] Cells =
        ["table1/resnet-v1-20/none", "table1/resnet-v1-20/vanilla", "table2/resnet-v1-20/pni", "table2/resnet-v1-20/adv-bnn", "table1/resnet-v1-20/l2p"];

    [Theory]
    [InlineData("cw/resnet-v1-20")]
    [InlineData("blackbox/resnet-v1-20")]
    public void EveryDefenceOfTheTablesIsThereTrainedExactlyAsInTheTables(string group)
    {
        foreach (var profile in new[] { Profile.Smoke, Profile.Quick, Profile.Paper })
        {
            var configs = ExperimentCatalog.Configs(group, profile);
            Assert.Equal(["none", "vanilla", "pni-w", "adv-bnn", "l2p"], configs.Select(c => c.Training.Defense));
            // The same run id as the table cell: the notebook reuses the tables' trained models.
            Assert.Equal(Cells.Select(n => ConfigHash.Of(ExperimentCatalog.Get(n, profile).Training)), configs.Select(c => ConfigHash.Of(c.Training)));
            Assert.All(configs, c => Assert.Null(c.Reported)); // the paper's numbers are not available (docs/method.md §6)
            foreach (var c in configs)
            {
                c.Validate();
                foreach (var a in c.Evaluation.Attacks) a.Validate();
            }
        }
    }

    [Fact]
    public void TheCwGroupSweepsKappaOnCorrectlyClassifiedImagesOnly()
    {
        var cw = ExperimentCatalog.Get("cw/resnet-v1-20/l2p", Profile.Quick).Evaluation;
        Assert.Equal([0, 0.5, 1, 2, 5], cw.Minimal!.Select(m => m.Confidence));
        Assert.All(cw.Minimal!, m => Assert.Equal(("cw-l2", true, 100, 2), (m.Kind, m.CorrectOnly, m.Images, m.Repeats)));
        Assert.Equal(["pgd-7@8/255"], cw.Attacks.Select(a => a.Name));
        Assert.Equal(ExperimentCatalog.CwConfidences.Count, cw.Minimal!.Select(m => m.Create().Name).Distinct().Count()); // κ in the report's name
    }

    [Fact]
    public void TheBlackBoxGroupTransfersFromTheUndefendedModelTrainedFromAnotherSeed()
    {
        foreach (var profile in new[] { Profile.Smoke, Profile.Quick, Profile.Paper })
        {
            var evaluation = ExperimentCatalog.Get("blackbox/resnet-v1-20/l2p", profile).Evaluation;
            var none = ExperimentCatalog.Get("table1/resnet-v1-20/none", profile).Training;
            var source = ExperimentCatalog.TransferSourceFor(profile);

            Assert.Equal(["fgsm@8/255", "pgd-7@8/255", "fgsm@8/255 from none-seed1", "pgd-7@8/255 from none-seed1"], evaluation.Attacks.Select(a => a.Name));
            Assert.All(evaluation.Attacks.Skip(2), a => Assert.Equal(ConfigHash.Of(source.Training), ConfigHash.Of(a.Source!.Training)));
            Assert.NotEqual(ConfigHash.Of(none), ConfigHash.Of(source.Training)); // its own run, sharing no weights with the target
            Assert.Equal(ConfigHash.Of(none), ConfigHash.Of(source.Training with { Options = source.Training.Options with { Seed = none.Options.Seed } }));
            Assert.Equal([1, 2, 3], evaluation.Minimal!.Select(m => m.Pixels));
            Assert.All(evaluation.Minimal!, m => Assert.Equal("few-pixel", m.Kind));
        }
    }
}
