using System.Text.Json;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Learn2Perturb.Plotting;

namespace Learn2Perturb.Tests.Plotting;

public sealed class ResultTableTests
{
    private const double Eps = 8.0 / 255;

    /// <summary>A stored evaluation of the table attacks (or of <paramref name="attacks"/>) with the given accuracies.</summary>
    internal static EvaluationResult Result(string model, string defense, PaperNumbers? paper, MeanStd clean,
        IReadOnlyList<(AttackSpec Spec, MeanStd Accuracy)> attacks) =>
        new($"table1/{model}/{defense}", "quick", "run", model, defense,
            new EvaluationConfig([.. attacks.Select(a => a.Spec)], 100, clean.Repeats, 50, 1),
            new RobustnessReport(clean, attacks.ToDictionary(a => a.Spec.Name, a => a.Accuracy), clean.Repeats, 100, true, "noise", 1, 1),
            paper, "cpu", DateTimeOffset.UnixEpoch);

    private static readonly EvaluationResult[] Results =
    [
        Result("resnet-v1-20", "none", new PaperNumbers(Clean: 92.1, Pgd: 0.0, Fgsm: 14.1), new MeanStd(90, 0, 3),
            [(AttackSpec.Fgsm(Eps), new MeanStd(20, 1, 3)), (AttackSpec.Pgd(Eps), new MeanStd(1, 0.5, 3))]),
        Result("resnet-v1-20", "l2p", new PaperNumbers(Clean: 83.62, Pgd: 51.13, Fgsm: 58.41, Note: "a caveat"), new MeanStd(80, 0.25, 3),
            [(AttackSpec.Fgsm(Eps), new MeanStd(55, 2, 3)), (AttackSpec.Pgd(Eps), new MeanStd(45, 3, 3))]),
        Result("resnet-v1-20", "pni-w", null, new MeanStd(70, 1, 3),
            [(AttackSpec.Fgsm(Eps), new MeanStd(40, 1, 3)), (AttackSpec.Pgd(Eps), new MeanStd(30, 1, 3))]),
    ];

    [Fact]
    public void One_row_per_result_in_order_with_measured_mean_and_std()
    {
        var rows = ResultTable.Rows(Results);

        Assert.Equal(["none", "l2p", "pni-w"], rows.Select(r => r.Defence));
        Assert.Equal("80.00 ± 0.25", rows[1].Clean);
        Assert.Equal("55.00 ± 2.00", rows[1].Fgsm);
        Assert.Equal("45.00 ± 3.00", rows[1].Pgd);
        Assert.All(rows, r => Assert.Equal(3, r.Repeats));
    }

    [Fact]
    public void Delta_is_measured_mean_minus_the_papers_value()
    {
        var l2p = ResultTable.Rows(Results)[1];

        Assert.Equal((83.62, 58.41, 51.13), (l2p.PaperClean!.Value, l2p.PaperFgsm!.Value, l2p.PaperPgd!.Value));
        Assert.Equal(80 - 83.62, l2p.DeltaClean!.Value, 2);
        Assert.Equal(55 - 58.41, l2p.DeltaFgsm!.Value, 2);
        Assert.Equal(45 - 51.13, l2p.DeltaPgd!.Value, 2);
        Assert.Equal("a caveat", l2p.Note); // the paper's flag travels with the cell
    }

    [Fact]
    public void Unknown_paper_numbers_give_no_delta_and_say_so()
    {
        var pni = ResultTable.Rows(Results)[2];

        Assert.Null(pni.PaperPgd);
        Assert.Null(pni.DeltaClean);
        Assert.Null(pni.DeltaPgd);
        Assert.Contains("no paper number", pni.Note);
        // Six empty cells (paper ×3, Δ ×3), then the note: nothing is shown as 0.
        Assert.Contains("<td></td><td></td><td></td><td></td><td></td><td></td><td>no paper number", HtmlTable.Render(ResultTable.Rows(Results)).Html);
    }

    [Fact]
    public void An_attack_the_evaluation_did_not_run_is_not_measured_and_gets_no_delta()
    {
        var fgsmSweep = Result("resnet-v2-18", "l2p", new PaperNumbers(Clean: 57.5, Pgd: 25.6, Fgsm: 29.9), new MeanStd(60, 1, 2),
            [(AttackSpec.Fgsm(0), new MeanStd(60, 1, 2)), (AttackSpec.Fgsm(Eps), new MeanStd(31, 1, 2))]);

        var row = Assert.Single(ResultTable.Rows([fgsmSweep]));

        Assert.Equal("31.00 ± 1.00", row.Fgsm); // the ε = 8/255 point, not ε = 0
        Assert.Equal(ResultTable.NotMeasured, row.Pgd);
        Assert.Null(row.DeltaPgd);
        Assert.Equal(31 - 29.9, row.DeltaFgsm!.Value, 2);
    }

    [Fact]
    public void Eot_variants_are_not_taken_for_the_plain_attack()
    {
        var eotOnly = Result("resnet-v1-20", "l2p", null, new MeanStd(80, 0, 1),
            [(AttackSpec.Pgd(Eps) with { EotSamples = 10 }, new MeanStd(20, 0, 1))]);

        Assert.Null(ResultCells.Measured(eotOnly, "pgd"));
    }

    [Fact]
    public void Accuracy_chart_carries_means_and_stds_per_measure_and_labels_by_defence()
    {
        var traces = Traces(ResultCharts.Accuracy(Results, "t"));

        Assert.Equal(["clean", "clean · paper", "FGSM", "FGSM · paper", "PGD", "PGD · paper"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["none", "l2p", "pni-w"], traces[4].GetProperty("x").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal([1.0, 45, 30], traces[4].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        Assert.Equal([0.5, 3, 1], traces[4].GetProperty("error_y").GetProperty("array").EnumerateArray().Select(y => y.GetDouble()));
    }

    [Fact]
    public void Accuracy_chart_puts_the_papers_number_beside_each_measured_bar_and_none_where_the_paper_has_none()
    {
        var traces = Traces(ResultCharts.Accuracy(Results, "t"));

        var pgdPaper = traces.Single(t => t.GetProperty("name").GetString() == "PGD · paper").GetProperty("y").EnumerateArray().ToList();
        Assert.Equal(0.0, pgdPaper[0].GetDouble()); // none: the paper's 0.0, drawn
        Assert.Equal(51.13, pgdPaper[1].GetDouble());
        Assert.Equal(JsonValueKind.Null, pgdPaper[2].ValueKind); // pni-w has no paper number here: no bar, not zero
        var cleanPaper = traces.Single(t => t.GetProperty("name").GetString() == "clean · paper").GetProperty("y").EnumerateArray();
        Assert.Equal(92.1, cleanPaper.First().GetDouble());
        Assert.DoesNotContain(Traces(ResultCharts.Accuracy([Results[2]], "t")), t => t.GetProperty("name").GetString()!.EndsWith("paper")); // no paper anywhere: no ghost traces
    }

    [Fact]
    public void Accuracy_chart_names_the_model_when_results_span_several()
    {
        var other = Results[0] with { Model = "resnet-v1-56" };

        var x = Traces(ResultCharts.Accuracy([Results[0], other], "t"))[0].GetProperty("x").EnumerateArray().Select(v => v.GetString());

        Assert.Equal(["resnet-v1-20 / none", "resnet-v1-56 / none"], x);
    }

    [Fact]
    public void A_measure_a_result_did_not_run_gets_no_bar_rather_than_zero()
    {
        var fgsmOnly = Result("resnet-v1-20", "vanilla", null, new MeanStd(70, 1, 3), [(AttackSpec.Fgsm(Eps), new MeanStd(40, 1, 3))]);

        var pgd = Traces(ResultCharts.Accuracy([Results[0], fgsmOnly], "t")).Single(t => t.GetProperty("name").GetString() == "PGD");

        var y = pgd.GetProperty("y").EnumerateArray().ToList();
        Assert.Equal(1.0, y[0].GetDouble());
        Assert.False(y[1].ValueKind == JsonValueKind.Number && y[1].GetDouble() == 0, $"missing PGD drawn as {y[1]}");
        Assert.Equal(["clean", "FGSM"], Traces(ResultCharts.Accuracy([fgsmOnly], "t")).Select(t => t.GetProperty("name").GetString())); // no PGD trace at all when nobody ran it
    }

    [Fact]
    public void Sweep_chart_has_one_line_per_defence_through_every_epsilon_with_std_error_bars()
    {
        MeanStd At(double acc) => new(acc, acc / 10, 2);
        var none = Result("resnet-v1-20", "none", null, At(90), [.. new[] { 8, 0, 4 }.Select(e => (AttackSpec.Pgd(e / 255.0), At(90 - 10 * e)))]);
        var l2p = Result("resnet-v1-20", "l2p", null, At(80), [.. new[] { 0, 4, 8 }.Select(e => (AttackSpec.Pgd(e / 255.0), At(80 - 4 * e)))]);

        var lines = Traces(ResultCharts.EpsilonSweep([none, l2p], "pgd", "t"));

        Assert.Equal(["none", "l2p"], lines.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([0.0, 4, 8], lines[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble())); // sorted by ε
        Assert.Equal([90.0, 50, 10], lines[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([9.0, 5, 1], lines[0].GetProperty("error_y").GetProperty("array").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([80.0, 64, 48], lines[1].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        var e = Assert.Throws<ArgumentException>(() => ResultCharts.EpsilonSweep([none], "fgsm", "t"));
        Assert.Contains("fgsm", e.Message);
    }

    [Fact]
    public void Empty_result_lists_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ResultCharts.Accuracy(Array.Empty<EvaluationResult>(), "t"));
        Assert.Throws<ArgumentException>(() => ResultCharts.EpsilonSweep(Array.Empty<EvaluationResult>(), "pgd", "t"));
    }

    private static List<JsonElement> Traces(PlotlyFigure chart) =>
        JsonDocument.Parse(chart.ToJson()).RootElement.GetProperty("data").EnumerateArray().ToList();
}
