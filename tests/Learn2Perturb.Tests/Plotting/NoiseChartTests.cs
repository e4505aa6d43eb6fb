using System.Text.Json;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Plotting;
using Learn2Perturb.Training;

namespace Learn2Perturb.Tests.Plotting;

/// <summary>The ablation table and charts (notebooks 07, 08) and the learned-noise table and charts (notebook 10).</summary>
public sealed class NoiseChartTests
{
    private const double Eps = 8.0 / 255;

    private static EpochEnded Epoch(int epoch, params double[] theta) => new(epoch, 3, 1, 50, 0.1, epoch > 0, epoch > 1, theta, 1);

    private static AblationOutcome Variant(string name, string runId, double clean, double pgd, double[] finalTheta, NoiseMode? noise = null)
    {
        var result = ResultTableTests.Result("resnet-v1-20", "l2p", null, new MeanStd(clean, 0.5, 3),
            [(AttackSpec.Fgsm(Eps), new MeanStd(pgd + 10, 1, 3)), (AttackSpec.Pgd(Eps), new MeanStd(pgd, 1, 3))]);
        result = result with { Experiment = "ablation/training/" + name, RunId = runId, Config = result.Config with { TestTimeNoise = noise } };
        return new AblationOutcome(result, [Epoch(0, 0.25, 0.25), Epoch(1, 0.2, 0.3), Epoch(2, finalTheta)], true);
    }

    private static readonly AblationOutcome[] Variants =
    [
        Variant("paper-default", "run-a", 80, 40, [0.2, 0.4]),
        Variant("strict-alternation", "run-b", 78, 43, [0.1, 0.1]),
        Variant("test-noise-off", "run-a", 84, 5, [0.2, 0.4], NoiseMode.Off),
    ];

    [Fact]
    public void The_ablation_table_gives_each_variant_against_the_paper_default_and_its_final_theta()
    {
        var rows = AblationTable.Rows(Variants);

        Assert.Equal(["paper-default", "strict-alternation", "test-noise-off"], rows.Select(r => r.Variant));
        Assert.Equal("78.00 ± 0.50", rows[1].Clean);
        Assert.Equal((-2.0, 3.0, 3.0), (rows[1].DeltaClean!.Value, rows[1].DeltaPgd!.Value, rows[1].DeltaFgsm!.Value));
        Assert.Equal((0.0, 0.0), (rows[0].DeltaClean!.Value, rows[0].DeltaPgd!.Value));
        Assert.Equal(["0.3000", "0.1000", "0.3000"], rows.Select(r => r.FinalMeanTheta)); // mean of the module means
        Assert.Equal(["on", "on", "off"], rows.Select(r => r.TestTimeNoise));
        Assert.All(rows, r => Assert.Equal((2, AblationTable.NoPaperNumber), (r.ThetaModules, r.Paper)));
        Assert.All(AblationTable.Rows(Variants[1..]), r => Assert.Null(r.DeltaPgd)); // no baseline, no Δ
    }

    [Fact]
    public void Variants_sharing_a_run_share_one_theta_line()
    {
        var lines = Traces(AblationCharts.MeanThetaOverEpochs(Variants, "t"));

        Assert.Equal(["paper-default = test-noise-off", "strict-alternation"], lines.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal([0, 1, 2], lines[0].GetProperty("x").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal([0.25, 0.25, 0.3], lines[0].GetProperty("y").EnumerateArray().Select(y => Math.Round(y.GetDouble(), 6)));
        var noTheta = Variants[0] with { History = [Epoch(0), Epoch(1)] };
        Assert.Throws<ArgumentException>(() => AblationCharts.MeanThetaOverEpochs([noTheta], "t"));
    }

    [Fact]
    public void The_accuracy_chart_has_one_bar_per_variant_and_measure()
    {
        var traces = Traces(AblationCharts.Accuracy(Variants, "t"));

        Assert.Equal(["clean", "FGSM", "PGD"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["paper-default", "strict-alternation", "test-noise-off"], traces[2].GetProperty("x").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal([40.0, 43, 5], traces[2].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
    }

    private static readonly LearnedTheta Theta = new("table1/resnet-v1-20/l2p", "run", 3,
    [
        new ThetaMap("noise", [1, 2, 2], [0.01f, 0.01f, 0.3f, 0.5f], 0.01),
        new ThetaMap("blocks.0_0.noise", [2, 1, 1], [0.2f, 0.4f], 0.01),
    ]);

    [Fact]
    public void The_noise_table_gives_each_modules_statistics_and_share_at_theta_min()
    {
        var rows = NoiseTable.Rows(Theta);

        Assert.Equal(["stem", "block 0_0"], rows.Select(r => r.Module));
        Assert.Equal(("1×2×2", 4), (rows[0].Shape, rows[0].Elements));
        Assert.Equal(("0.2050", "0.0100", "0.5000", "50.0 %"), (rows[0].Mean, rows[0].Min, rows[0].Max, rows[0].AtThetaMin));
        Assert.Equal(("0.3000", "0.1000", "0.0 %"), (rows[1].Mean, rows[1].Std, rows[1].AtThetaMin)); // population std
    }

    [Fact]
    public void Histograms_share_bins_and_each_sums_to_one()
    {
        var (centres, width, fractions) = NoiseCharts.Histograms(Theta.Modules, 7);

        Assert.Equal(7, centres.Length);
        Assert.Equal((0.5 - 0.01) / 7, width, 9);
        Assert.Equal(0.01 + width / 2, centres[0], 6);
        Assert.All(fractions, f => Assert.Equal(1.0, f.Sum(), 9));
        Assert.Equal(0.5, fractions[0][0], 9); // the two elements at θmin
        Assert.Equal(0.25, fractions[0][6], 9); // the largest value lands in the last bin
        var panels = Traces(NoiseCharts.ThetaHistograms(Theta, "t", bins: 7));
        Assert.Equal(["x", "x2"], panels.Select(p => p.GetProperty("xaxis").GetString()));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseCharts.Histograms(Theta.Modules, 0));
    }

    [Fact]
    public void The_heatmap_has_a_row_per_module_and_a_column_per_epoch()
    {
        var history = new[] { Epoch(0, 0.25, 0.25), Epoch(1, 0.2, 0.3), Epoch(2, 0.1, 0.35) };
        var heat = Assert.Single(Traces(NoiseCharts.ThetaHeatmap(history, ["stem", "block 0_0"], "t")));

        Assert.Equal("heatmap", heat.GetProperty("type").GetString());
        var z = heat.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal([0.25, 0.3, 0.35], z[1]);
        var e = Assert.Throws<ArgumentException>(() => NoiseCharts.ThetaHeatmap(history, ["stem"], "t"));
        Assert.Contains("epoch 0 logged 2 θ modules but 1 labels", e.Message);
    }

    private static List<JsonElement> Traces(PlotlyFigure chart) =>
        JsonDocument.Parse(chart.ToJson()).RootElement.GetProperty("data").EnumerateArray().ToList();
}
