using System.Text.Json;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Learn2Perturb.Plotting;

namespace Learn2Perturb.Tests.Plotting;

/// <summary>The tables and charts of notebooks 04 (C&amp;W κ sweep) and 05 (few-pixel and transfer).</summary>
public sealed class BlackBoxChartTests
{
    private const double Eps = 8.0 / 255;

    private static readonly TransferSource Source = ExperimentCatalog.TransferSourceFor(Profile.Smoke);

    private static MinimalAttackReport Minimal(string name, double success, double distance, double attempted) =>
        new(name, new MeanStd(success, 1, 2), new MeanStd(distance, 0.1, 2), "L2", new MeanStd(attempted, 0, 2), 2, 100, 1, 1);

    /// <summary>A C&amp;W result whose κ are listed out of order, to show the rows and lines sort by κ.</summary>
    internal static EvaluationResult Cw(string defense, double baseSuccess)
    {
        double[] kappas = [2, 0, 5];
        var config = new EvaluationConfig([AttackSpec.Pgd(Eps)], 100, 2, 50, 1,
            [.. kappas.Select(k => MinimalAttackSpec.CarliniWagner(100, 2, 5, k, correctOnly: true))]);
        var report = new RobustnessReport(new MeanStd(80, 1, 2), new Dictionary<string, MeanStd> { ["pgd-7@8/255"] = new(40, 2, 2) }, 2, 100, true, "noise", 1, 1);
        return new EvaluationResult($"cw/resnet-v1-20/{defense}", "quick", "run", "resnet-v1-20", defense, config, report, null, "cpu", DateTimeOffset.UnixEpoch,
            [.. kappas.Select(k => Minimal($"CW-L2-k{k}", baseSuccess - k, 1 + k / 10, 80))]);
    }

    /// <summary>A black-box result: white-box and transfer FGSM/PGD, 1-3 pixel attacks, and the stored sanity warnings.</summary>
    internal static EvaluationResult BlackBox(string defense, double pgdWhite, double pgdTransfer, params SanityWarning[] warnings)
    {
        AttackSpec[] attacks = [AttackSpec.Fgsm(Eps), AttackSpec.Pgd(Eps), AttackSpec.Transfer(AttackSpec.Fgsm(Eps), Source), AttackSpec.Transfer(AttackSpec.Pgd(Eps), Source)];
        double[] accuracies = [50, pgdWhite, 70, pgdTransfer];
        var config = new EvaluationConfig(attacks, 100, 2, 50, 1, [.. new[] { 1, 2, 3 }.Select(k => MinimalAttackSpec.FewPixel(50, k, 10, 3))]);
        var measured = attacks.Select((a, i) => (a.Name, Accuracy: new MeanStd(accuracies[i], 1.5, 2))).ToDictionary(p => p.Name, p => p.Accuracy);
        var report = new RobustnessReport(new MeanStd(80, 1, 2), measured, 2, 100, true, "noise", 1, 1) { Warnings = warnings };
        return new EvaluationResult($"blackbox/resnet-v1-20/{defense}", "quick", "run", "resnet-v1-20", defense, config, report, null, "cpu", DateTimeOffset.UnixEpoch,
            [Minimal("FewPixel-1", 10, 1, 80), Minimal("FewPixel-2", 20, 2, 80), Minimal("FewPixel-3", 25, 3, 80)]);
    }

    [Fact]
    public void CwRowsGoByDefenceThenIncreasingKappaAndSayThePaperHasNoNumber()
    {
        var rows = CwKappaTable.Rows([Cw("none", 90), Cw("l2p", 60)]);

        Assert.Equal(["none", "none", "none", "l2p", "l2p", "l2p"], rows.Select(r => r.Defence));
        Assert.Equal([0.0, 2, 5, 0, 2, 5], rows.Select(r => r.Kappa));
        Assert.Equal("58.00 ± 1.00", rows[4].SuccessRate); // l2p at κ = 2: 60 − 2
        Assert.Equal("1.20 ± 0.10", rows[4].MeanL2);
        Assert.Equal(("80.00 ± 1.00", "40.00 ± 2.00", "80.0%"), (rows[4].Clean, rows[4].Pgd, rows[4].Attacked));
        Assert.All(rows, r => Assert.Equal(CwKappaTable.NoPaperNumber, r.Paper));
    }

    [Fact]
    public void ACwMeanL2WithoutSuccessesToAverageSaysSoInsteadOfNaN()
    {
        var cw = Cw("adv-bnn", 60);
        var unbroken = cw with { MinimalReports = [.. cw.MinimalReports!.Select(m => m.Attack == "CW-L2-k5" ? m with { MeanDistance = new MeanStd(double.NaN, double.NaN, 2) } : m)] };

        var rows = CwKappaTable.Rows([unbroken]);

        Assert.Equal(MinimalAttackReport.NoDistance, rows[2].MeanL2); // κ = 5
        Assert.Equal("1.00 ± 0.10", rows[0].MeanL2);
    }

    [Fact]
    public void CwChartsDrawOneLinePerDefenceAgainstKappa()
    {
        var lines = Traces(CwCharts.SuccessRate([Cw("none", 90), Cw("l2p", 60)], "t"));

        Assert.Equal(["none", "l2p"], lines.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal([0.0, 2, 5], lines[1].GetProperty("x").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal([60.0, 58, 55], lines[1].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        Assert.Equal([1.0, 1.2, 1.5], Traces(CwCharts.MeanL2([Cw("l2p", 60)], "t"))[0].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        var none = Assert.Throws<ArgumentException>(() => CwKappaTable.Rows([BlackBox("l2p", 40, 60)]));
        Assert.Contains("no C&W", none.Message);
    }

    [Fact]
    public void BlackBoxRowsPutTransferBesideWhiteBoxAndCarryTheStoredSanityCheck()
    {
        var masked = new SanityWarning(SanityCheck.BlackBoxBeatsWhiteBox, "black-box beat white-box");
        var rows = BlackBoxTable.Rows([BlackBox("l2p", 40, 60), BlackBox("pni-w", 40, 30, masked)]);

        Assert.Equal(("40.00 ± 1.50", "60.00 ± 1.50", "none-seed1"), (rows[0].PgdWhiteBox, rows[0].PgdTransfer, rows[0].Source));
        Assert.Equal(("50.00 ± 1.50", "70.00 ± 1.50"), (rows[0].FgsmWhiteBox, rows[0].FgsmTransfer));
        Assert.Equal("20.00 ± 1.00 (80% attacked)", rows[0].TwoPixels);
        Assert.Equal(BlackBoxTable.CheckPassed, rows[0].BlackBoxCheck);
        Assert.Contains("black-box beat white-box", rows[1].BlackBoxCheck);
        Assert.StartsWith("WARNING", rows[1].BlackBoxCheck);
    }

    [Fact]
    public void TheAccuracyChartPutsTransferBesideWhiteBoxAndTheFewPixelChartHasOneBarPerPixelCount()
    {
        var bars = Traces(BlackBoxCharts.Accuracy([BlackBox("none", 1, 5), BlackBox("l2p", 40, 60)], "t"));

        Assert.Equal(["clean", "FGSM white-box", "FGSM transfer", "PGD-7 white-box", "PGD-7 transfer"], bars.Select(b => b.GetProperty("name").GetString()));
        Assert.Equal([1.0, 40], bars[3].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        Assert.Equal([5.0, 60], bars[4].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        var pixels = Traces(BlackBoxCharts.FewPixelSuccess([BlackBox("none", 1, 5), BlackBox("l2p", 40, 60)], "t"));
        Assert.Equal(["1-pixel", "2-pixel", "3-pixel"], pixels.Select(b => b.GetProperty("name").GetString()));
        Assert.Equal(["none", "l2p"], pixels[1].GetProperty("x").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal([20.0, 20], pixels[1].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        Assert.Throws<ArgumentException>(() => BlackBoxCharts.FewPixelSuccess([Cw("l2p", 60)], "t"));
    }

    [Fact]
    public void MinimalReportsArePairedWithTheirSpecsOrRefusedWhenTheCountsDiffer()
    {
        var result = BlackBox("l2p", 40, 60);
        Assert.Equal([1, 2, 3], MinimalCells.Pairs(result).Select(p => p.Spec.Pixels));
        Assert.Equal(["FewPixel-1", "FewPixel-2", "FewPixel-3"], MinimalCells.Pairs(result).Select(p => p.Report.Attack));
        var broken = result with { MinimalReports = [] };
        Assert.Contains("lists 3 minimal attacks but holds 0", Assert.Throws<ArgumentException>(() => MinimalCells.Pairs(broken)).Message);
    }

    [Fact]
    public void AKappaWithoutAValueIsLeftOutOfItsLineRatherThanDrawnAsNaN()
    {
        var cw = Cw("l2p", 60);
        var none = cw with { MinimalReports = [.. cw.MinimalReports!.Select((m, i) => i == 0 ? m with { MeanDistance = new MeanStd(double.NaN, 0, 2) } : m)] };
        var line = Traces(CwCharts.MeanL2([none], "t"))[0];
        Assert.Equal([0.0, 5], line.GetProperty("x").EnumerateArray().Select(x => x.GetDouble())); // κ = 2 (listed first) had no success
    }

    [Fact]
    public void TheTablesWhiteBoxColumnsIgnoreTransferAttacks()
    {
        var listed = BlackBox("l2p", 40, 60);
        var result = listed with { Config = listed.Config with { Attacks = [.. listed.Config.Attacks.Reverse()] } }; // transfer listed first
        Assert.Equal(40.0, ResultCells.Measured(result, "pgd")!.Mean);
        Assert.Equal([(0.0, new MeanStd(0, 0, 1)), (8.0, new MeanStd(40, 1.5, 2))], ResultCells.Sweep(result with
        {
            Config = result.Config with { Attacks = [.. result.Config.Attacks, new AttackSpec("pgd", 0)] },
            Report = result.Report with { Attacks = new Dictionary<string, MeanStd>(result.Report.Attacks) { ["pgd-7@0/255"] = new(0, 0, 1) } },
        }, "pgd"));
        Assert.Equal(60.0, BlackBoxTable.Transferred(result, "pgd")!.Mean);
        Assert.Null(BlackBoxTable.Transferred(Cw("l2p", 60), "pgd"));
    }

    private static List<JsonElement> Traces(PlotlyFigure chart) =>
        JsonDocument.Parse(chart.ToJson()).RootElement.GetProperty("data").EnumerateArray().ToList();
}
