using System.Text.Json;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Learn2Perturb.Plotting;
using Learn2Perturb.Tests.Evaluation;

namespace Learn2Perturb.Tests.Plotting;

/// <summary>The charts and tables of notebooks 06 and 09: strength sweeps, sanity checks, AutoAttack's attacks.</summary>
public sealed class AdaptiveChartTests
{
    private const double Eps = 8.0 / 255;

    private static AttackSpec Pgd(int steps = 7, int eot = 1) => AttackSpec.Pgd(Eps) with { Steps = steps, EotSamples = eot };

    private static readonly EvaluationResult L2pSteps = StrengthSweepTests.Result("adaptive/resnet-v1-20/l2p/steps", [(Pgd(1), 60, 1), (Pgd(7), 45, 1), (Pgd(20), 44, 1)]);
    private static readonly EvaluationResult VanillaSteps = StrengthSweepTests.Result("adaptive/resnet-v1-20/vanilla/steps", [(Pgd(1), 50, 0), (Pgd(7), 40, 0), (Pgd(20), 47, 0)], "vanilla");
    private static readonly EvaluationResult L2pEpsilon = StrengthSweepTests.Result("adaptive/resnet-v1-20/l2p/epsilon",
        [(Pgd() with { Epsilon = 2 / 255.0 }, 70, 1), (Pgd(), 45, 1), (Pgd() with { Epsilon = 64 / 255.0, StepSize = 0.09 }, 0, 0)]);
    private static readonly EvaluationResult L2pAutoAttack = StrengthSweepTests.Result("adaptive/resnet-v1-20/l2p/autoattack",
        [(AttackSpec.Fgsm(Eps), 55, 1), (Pgd(), 45, 1), (AttackSpec.Apgd("apgd-ce", Eps, 20, 4), 30, 1), (AttackSpec.Apgd("apgd-dlr", Eps, 20, 4), 33, 1)]) with
    {
        Reported = new PaperNumbers(Clean: 83.62, Pgd: 51.13, Fgsm: 58.41),
    };

    [Fact]
    public void Labels_keep_only_the_name_segments_that_differ()
    {
        Assert.Equal(["l2p", "vanilla"], ExperimentLabels.Distinguishing([L2pSteps, VanillaSteps]));
        Assert.Equal(["l2p/steps", "vanilla/steps", "l2p/epsilon"], ExperimentLabels.Distinguishing([L2pSteps, VanillaSteps, L2pEpsilon]));
        Assert.Equal(["l2p"], ExperimentLabels.Distinguishing([L2pSteps])); // one result: its defence
    }

    [Fact]
    public void A_strength_chart_draws_one_line_per_result_holding_that_sweep()
    {
        var traces = Traces(SweepCharts.Strength([L2pSteps, VanillaSteps, L2pEpsilon, L2pAutoAttack], StrengthParameter.Steps, "t"));

        Assert.Equal(["l2p", "vanilla"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([1.0, 7, 20], traces[0].GetProperty("x").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal([50.0, 40, 47], traces[1].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        Assert.Equal([1.0, 1, 1], traces[0].GetProperty("error_y").GetProperty("array").EnumerateArray().Select(y => y.GetDouble()));
        var xaxis = Layout(SweepCharts.Strength([L2pSteps], StrengthParameter.Steps, "t")).GetProperty("xaxis");
        Assert.Equal("log", xaxis.GetProperty("type").GetString()); // 1, 7, 20 … spaced evenly
        Assert.Equal("PGD steps", xaxis.GetProperty("title").GetProperty("text").GetString()); // the log axis keeps its title
        Assert.Equal(["1", "7", "20"], xaxis.GetProperty("ticktext").EnumerateArray().Select(t => t.GetString())); // each swept value labelled
    }

    [Fact]
    public void An_epsilon_chart_plots_epsilon_in_units_of_one_over_255_and_a_missing_sweep_is_an_error()
    {
        var chart = SweepCharts.Strength([L2pSteps, L2pEpsilon], StrengthParameter.Epsilon, "t");
        var line = Assert.Single(Traces(chart));
        Assert.False(Layout(chart).GetProperty("xaxis").TryGetProperty("type", out _)); // ε on a linear axis

        Assert.Equal([2.0, 8, 64], line.GetProperty("x").EnumerateArray().Select(x => x.GetDouble()));
        var e = Assert.Throws<ArgumentException>(() => SweepCharts.Strength([L2pSteps], StrengthParameter.Restarts, "t"));
        Assert.Contains("no result holds a sweep of restarts", e.Message);
    }

    [Fact]
    public void Several_kinds_get_one_line_each_named_by_kind()
    {
        var eot = StrengthSweepTests.Result("eot/resnet-v1-20/shared",
            [(AttackSpec.Fgsm(Eps), 50, 0), (AttackSpec.Fgsm(Eps) with { EotSamples = 4 }, 45, 0), (Pgd(), 40, 0), (Pgd(eot: 4), 30, 0)]);

        var traces = Traces(SweepCharts.Strength([eot], StrengthParameter.EotSamples, "t", "pgd", "fgsm"));

        Assert.Equal(["l2p · PGD", "l2p · FGSM"], traces.Select(t => t.GetProperty("name").GetString()));
        var rows = SweepTable.Rows([eot], StrengthParameter.EotSamples, "pgd", "fgsm");
        Assert.Equal([0.0, -10, 0, -5], rows.Select(r => r.DeltaFromWeakest)); // the drop from one draw per gradient
        Assert.All(rows, r => Assert.Equal(SweepTable.NoPaperNumber, r.Paper));
    }

    [Fact]
    public void The_sanity_table_gives_each_sweep_a_verdict_with_its_numbers()
    {
        var rows = SanityTable.Rows([L2pSteps, VanillaSteps, L2pEpsilon], []);

        Assert.Equal(3, rows.Count);
        Assert.Equal(("l2p", SanityTable.Passed), (rows[0].Defence, rows[0].Verdict)); // 45 → 44 is within the noise
        Assert.Equal(("vanilla", SanityTable.Warning), (rows[1].Defence, rows[1].Verdict)); // 40 → 47 with std 0 is not
        Assert.Contains("rose from 40.00 ± 0.00 at steps = 7", rows[1].Detail);
        Assert.Equal("steps → accuracy: 1: 50%, 7: 40%, 20: 47%", rows[1].Evidence);
        Assert.Equal(("accuracy → 0 as ε grows", SanityTable.Passed), (rows[2].Check, rows[2].Verdict));
        Assert.Contains("64/255: 0%", rows[2].Evidence);
    }

    [Fact]
    public void Attacked_evaluations_show_the_evaluators_first_batch_checks()
    {
        var warned = L2pAutoAttack with
        {
            Report = L2pAutoAttack.Report with { Warnings = [new SanityWarning(SanityCheck.StochasticWithoutEot, "pgd-7 took one pass")] },
        };

        var rows = SanityTable.Rows([L2pSteps], [warned]);

        Assert.Equal(3, rows.Count);
        Assert.Equal(SanityTable.Warning, rows[1].Verdict);
        Assert.Equal("pgd-7 took one pass", rows[1].Detail);
        Assert.Equal(SanityTable.Passed, rows[2].Verdict); // no zero-gradient warning stored
    }

    [Fact]
    public void The_attack_table_measures_each_attack_against_table1s_pgd_and_ends_with_the_worst()
    {
        var rows = AttackTable.Rows([L2pAutoAttack]);

        Assert.Equal(5, rows.Count);
        Assert.Equal(["fgsm@8/255", "pgd-7@8/255", "apgd-ce-20-eot4@8/255", "apgd-dlr-20-eot4@8/255"], rows.Take(4).Select(r => r.Attack));
        Assert.Equal([10.0, 0, -15, -12, -15], rows.Select(r => r.DeltaFromTablePgd!.Value));
        Assert.Equal(4, rows[2].PassesPerGradient);
        Assert.StartsWith(AttackTable.WorstMean, rows[4].Attack); // stored without the per-image worst case
        Assert.EndsWith("apgd-ce-20-eot4@8/255", rows[4].Attack);
        Assert.All(rows, r => Assert.Equal(51.13, r.PaperPgd));

        var perImage = L2pAutoAttack with { Report = L2pAutoAttack.Report with { WorstCase = new MeanStd(33, 1, 2) } };
        var closing = AttackTable.Rows([perImage])[^1];
        Assert.Equal(AttackTable.WorstCase, closing.Attack);
        Assert.Equal(new MeanStd(33, 1, 2).ToString(), closing.Accuracy);
    }

    private static JsonElement Layout(PlotlyFigure chart) => JsonDocument.Parse(chart.ToJson()).RootElement.GetProperty("layout");

    private static List<JsonElement> Traces(PlotlyFigure chart) =>
        JsonDocument.Parse(chart.ToJson()).RootElement.GetProperty("data").EnumerateArray().ToList();
}
