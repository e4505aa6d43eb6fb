using Learn2Perturb.Experiments;
using Learn2Perturb.Plotting;
using Learn2Perturb.Runs;
using Learn2Perturb.Tests.Runs;

namespace Learn2Perturb.Tests.Experiments;

/// <summary>
/// A run store written by revision 2fb5176 (smoke: Table 1's V1(20) L2P cell and notebook 09's AutoAttack cell on the same
/// model; the checkpoint left out, as evaluation reads a stored result before it), read by this revision: the run ids,
/// result keys and attack names every stored result depends on still match, so no stored run or result goes stale.
/// </summary>
public sealed class StoreWrittenBeforeTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Experiments", "Fixtures", "store-written-at-2fb5176");

    [Theory]
    [InlineData("table1/resnet-v1-20/l2p")]
    [InlineData("adaptive/resnet-v1-20/l2p/autoattack")]
    public void EveryStoredResultIsFoundUnderItsKeyAndReadByItsAttackNames(string name)
    {
        using var temp = new TempRunStore();
        CopyDirectory(Fixture, temp.Root);
        var config = ExperimentCatalog.Get(name, Profile.Smoke);
        Assert.Equal("06fd7cd4a842", ConfigHash.Of(config.Training));
        var outcome = new ExperimentRunner(temp.Store).Evaluate(config);
        Assert.True(outcome.Reused, $"{name}: evaluated again instead of reading the stored result");
        var report = outcome.Result.Report;
        Assert.Equal(config.Evaluation.Attacks.Select(a => a.Name).Order(), report.Attacks.Keys.Order());
        Assert.NotNull(ResultCells.Measured(outcome.Result, "pgd"));
        Assert.Equal(PaperNumbers.Of("table1/resnet-v1-20/l2p").Pgd, outcome.Result.Reported!.Pgd);
    }

    private static void CopyDirectory(string from, string to)
    {
        Assert.True(Directory.Exists(from), $"the fixture store is missing at {from}");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
