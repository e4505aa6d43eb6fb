using Learn2Perturb.Experiments;

namespace Learn2Perturb.Tests.Experiments;

/// <summary>The paper's numbers live in one data file: every table and figure cell reads it, and it holds nothing unused.</summary>
public sealed class PaperNumbersTests
{
    [Fact]
    public void EveryCellOfTheFileSitsBesideAnExperimentAndEveryTableCellHasOne()
    {
        var configs = ExperimentCatalog.Names.Select(n => ExperimentCatalog.Get(n, Profile.Paper)).ToList();
        var tableCells = configs.Where(c => c.Name.StartsWith("table", StringComparison.Ordinal)).ToList();
        Assert.All(tableCells, c => Assert.Equal(PaperNumbers.Of(c.Name), c.Reported));
        var used = tableCells.Select(c => c.Name)
            .Concat(configs.Where(c => c.Name.StartsWith("figure5/", StringComparison.Ordinal)).Select(c => "figure5/cifar100/" + c.Name.Split('/')[^1]))
            .ToHashSet();
        Assert.Empty(PaperNumbers.Cells.Keys.Except(used));
    }

    [Fact]
    public void CellsReadByNameNotByPosition()
    {
        var l2p = PaperNumbers.Of("table1/resnet-v1-20/l2p"); // Table 1, the paper's main row
        Assert.Equal((83.62, 58.41, 51.13), (l2p.Clean, l2p.Fgsm, l2p.Pgd));
        Assert.Equal(l2p, PaperNumbers.Of("table2/resnet-v1-20/l2p")); // the same model in both tables
        var adaptive = ExperimentCatalog.Get("adaptive/resnet-v1-20/l2p/autoattack", Profile.Paper).Reported!;
        Assert.Equal((l2p.Clean, l2p.Fgsm, l2p.Pgd), (adaptive.Clean, adaptive.Fgsm, adaptive.Pgd));
        Assert.Contains("copy error", PaperNumbers.Of("table2/resnet-v1-32/adv-bnn").Note);
        Assert.Contains("'table9/x'", Assert.Throws<KeyNotFoundException>(() => PaperNumbers.Of("table9/x")).Message);
    }

    [Fact]
    public void TheMethodDocumentsTablesMatchTheDataFile()
    {
        var doc = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "method.md"));
        int checkedCells = 0;
        foreach (var (table, heading, defenses) in new[] { ("table1", "**Table 1.**", new[] { "none", "vanilla", "l2p-r", "l2p" }), ("table2", "**Table 2.**", ["pni", "adv-bnn", "l2p"]) })
        {
            var rows = doc.SkipWhile(l => !l.StartsWith(heading, StringComparison.Ordinal)).Skip(1)
                .SkipWhile(l => !l.StartsWith("| V", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith("| V", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(rows);
            foreach (var row in rows)
            {
                var cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                for (int d = 0; d < defenses.Length; d++)
                {
                    var n = cells[d + 1].Replace("*", "").Split(", ").Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                    var data = PaperNumbers.Of($"{table}/{ModelName(cells[0])}/{defenses[d]}");
                    Assert.Equal((n[0], n[1], n[2]), (data.Clean, data.Pgd, data.Fgsm)); // the paper's order: clean, PGD, FGSM
                    checkedCells++;
                }
            }
        }
        Assert.Equal(PaperNumbers.Cells.Keys.Count(k => k.StartsWith("table", StringComparison.Ordinal)), checkedCells);
    }

    /// <summary>"V1(20)[1.5×]" → "resnet-v1-20-1.5x".</summary>
    private static string ModelName(string paper)
    {
        var m = System.Text.RegularExpressions.Regex.Match(paper, @"^V(\d)\((\d+)\)(?:\[([\d.]+)×\])?$");
        Assert.True(m.Success, $"unexpected model '{paper}' in docs/method.md");
        return $"resnet-v{m.Groups[1].Value}-{m.Groups[2].Value}" + (m.Groups[3].Success ? $"-{m.Groups[3].Value}x" : "");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Learn2Perturb.Notebooks.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("no Learn2Perturb.Notebooks.sln above the test binaries");
    }
}
