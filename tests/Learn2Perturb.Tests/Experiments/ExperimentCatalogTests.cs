using Learn2Perturb.Experiments;

namespace Learn2Perturb.Tests.Experiments;

public sealed class ExperimentCatalogTests
{
    [Fact]
    public void EveryCellOfThePapersTablesAndFiguresHasAName()
    {
        var names = ExperimentCatalog.Names;
        Assert.Equal(3 * 4, ExperimentCatalog.Matching("table1").Count);
        Assert.Equal(8 * 3, ExperimentCatalog.Matching("table2").Count);
        Assert.Equal(2 * 5, ExperimentCatalog.Matching("figure5").Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("table2/resnet-v1-20-4x/adv-bnn", names);
        Assert.Equal(5, ExperimentCatalog.Matching("figure5/cifar100/pgd").Count);
        Assert.Equal(2 * 5, ExperimentCatalog.Matching("sweeps/cifar10").Count);
    }

    [Fact]
    public void AGroupGivesItsConfigsInCatalogueOrder()
    {
        var table1 = ExperimentCatalog.Configs("table1/resnet-v2-18", Profile.Quick);
        Assert.Equal(["none", "vanilla", "l2p-r", "l2p"], table1.Select(c => c.Training.Defense));
        Assert.All(table1, c => Assert.Equal(Profile.Quick, c.Profile));
        Assert.Throws<ArgumentException>(() => ExperimentCatalog.Configs("table7", Profile.Quick));
    }

    [Fact]
    public void TheCellsCarryThePapersNumbers()
    {
        var cell = ExperimentCatalog.Get("table1/resnet-v2-18/l2p", Profile.Paper);
        Assert.Equal(new PaperNumbers(Clean: 85.30, Pgd: 56.06, Fgsm: 62.43), cell.Reported);
        Assert.Contains("copy error", ExperimentCatalog.Get("table2/resnet-v1-44/l2p", Profile.Paper).Reported!.Note);
        Assert.Null(ExperimentCatalog.Get("table2/resnet-v1-20/l2p", Profile.Paper).Reported!.Note);
        Assert.Equal("pni-w", ExperimentCatalog.Get("table2/resnet-v1-56/pni", Profile.Paper).Training.Defense); // PNI's default
    }

    [Fact]
    public void ProfilesChangeDataModelAndBudget()
    {
        var paper = ExperimentCatalog.Get("figure5/cifar100/pgd/l2p", Profile.Paper);
        var quick = ExperimentCatalog.Get("figure5/cifar100/pgd/l2p", Profile.Quick);
        var smoke = ExperimentCatalog.Get("figure5/cifar100/pgd/l2p", Profile.Smoke);
        Assert.Equal(("cifar100", (int?)null, "resnet-v2-18", 350), (paper.Training.Dataset, paper.Training.TrainImages, paper.Training.Model, paper.Training.Options.Epochs));
        Assert.Equal(16, paper.Evaluation.Attacks.Count);
        Assert.Equal(("fashion-mnist", 8_000, "resnet-v2-18"), (quick.Training.Dataset, quick.Training.TrainImages!.Value, quick.Training.Model));
        Assert.Equal(("fashion-mnist", "resnet-v1-8"), (smoke.Training.Dataset, smoke.Training.Model));
        Assert.Equal(["pgd-7@0/255", "pgd-7@8/255"], smoke.Evaluation.Attacks.Select(a => a.Name));
        // Quick sweeps eight budgets, always including 0 (clean) and the tables' 8/255, the largest the figures show.
        Assert.Equal([0, 2, 4, 6, 8, 10, 12, 15], quick.Evaluation.Attacks.Select(a => (int)Math.Round(a.Epsilon * 255)));
        Assert.Equal((500, 2), (quick.Evaluation.TestImages!.Value, quick.Evaluation.Repeats));
        // The CIFAR-10 sweeps train Table 1's model: on quick the very run of table1/resnet-v1-20/l2p.
        var cifar10 = ExperimentCatalog.Get("sweeps/cifar10/pgd/l2p", Profile.Paper);
        Assert.Equal(("cifar10", "resnet-v1-20", (PaperNumbers?)null), (cifar10.Training.Dataset, cifar10.Training.Model, cifar10.Reported));
        Assert.Equal(Learn2Perturb.Runs.ConfigHash.Of(ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Quick).Training),
            Learn2Perturb.Runs.ConfigHash.Of(ExperimentCatalog.Get("sweeps/cifar10/pgd/l2p", Profile.Quick).Training));
    }

    [Fact]
    public void AnUnknownNameListsWhatExists()
    {
        var e = Assert.Throws<ArgumentException>(() => ExperimentCatalog.Get("table3/resnet-v1-20/l2p", Profile.Smoke));
        Assert.Contains("unknown experiment 'table3/resnet-v1-20/l2p'", e.Message);
        Assert.Contains("table2/{resnet-v1-20,resnet-v1-32,", e.Message);
        Assert.Contains("/{pni,adv-bnn,l2p}", e.Message);
        var group = Assert.Throws<ArgumentException>(() => ExperimentCatalog.Get("table1/resnet-v1-56", Profile.Smoke));
        Assert.Contains("table1/resnet-v1-56/l2p-r", group.Message);
    }

    [Fact]
    public void EveryDefenceTheCatalogNamesResolvesAndAnUnknownOneIsRefusedNotReplaced()
    {
        foreach (var profile in Enum.GetValues<Profile>())
            foreach (var name in ExperimentCatalog.Names)
                ExperimentCatalog.Get(name, profile).Training.ResolveDefense();
        var made = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Smoke).Training with { Defense = "made-up" };
        var e = Assert.Throws<ArgumentException>(made.ResolveDefense);
        Assert.Contains("'made-up'", e.Message);
        Assert.Contains("vanilla", e.Message); // lists the valid names
    }

    [Fact]
    public void MinimalAttacksAreRefusedAsBudgetAttacksAndUnknownOnesNamed()
    {
        Assert.Contains("minimal attack", Assert.Throws<ArgumentException>(() => new AttackSpec("cw-l2", 8 / 255.0).Create()).Message);
        var apgd = AttackSpec.Apgd("apgd-dlr", 8 / 255.0, steps: 10, eotSamples: 4).Create();
        Assert.Equal("apgd-dlr-10-eot4@8/255", apgd.Name);
        Assert.Equal(4, apgd.Description.ForwardPassesPerGradient); // the label keeps the attack's EOT for the evaluator
        var e = Assert.Throws<ArgumentException>(() => new AttackSpec("pgd2", 8 / 255.0).Create());
        Assert.Contains("fgsm, pgd", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttackSpec("pgd", 8 / 255.0, Steps: 0).Create());
    }
}
