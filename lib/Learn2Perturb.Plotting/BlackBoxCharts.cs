using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Plotly.NET;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Charts of the black-box evaluation (notebook 05; PAPER.md §5): accuracy per defence under white-box and transferred
/// FGSM / PGD-7 and under the k-pixel attacks, and the k-pixel success rate against k.
/// </summary>
public static class BlackBoxCharts
{
    /// <summary>
    /// Grouped bars, one group per defence: clean, FGSM and PGD-7 white-box and transferred (± std), and the accuracy left
    /// after the 1-, 2-, 3-pixel attacks (<see cref="MinimalCells.AccuracyLeft"/>: derived from means, drawn without an
    /// error bar). A measure no result ran is left out.
    /// </summary>
    public static GenericChart Accuracy(IReadOnlyList<EvaluationResult> results, string title)
    {
        NotEmpty(results);
        bool withModel = ResultCells.SeveralModels(results);
        var labels = results.Select(r => ResultCells.Label(r, withModel)).ToArray();
        var measured = new (string Name, Func<EvaluationResult, MeanStd?> Pick)[]
        {
            ("clean", r => r.Report.Clean), ("FGSM white-box", r => ResultCells.Measured(r, "fgsm")), ("FGSM transfer", r => BlackBoxTable.Transferred(r, "fgsm")),
            ("PGD-7 white-box", r => ResultCells.Measured(r, "pgd")), ("PGD-7 transfer", r => BlackBoxTable.Transferred(r, "pgd")),
        }.Concat(ExperimentCatalog.FewPixelCounts.Select(k => (Name: $"{k}-pixel", Pick: (Func<EvaluationResult, MeanStd?>)(r =>
            BlackBoxTable.FewPixel(r, k) is { } report ? new MeanStd(MinimalCells.AccuracyLeft(report), double.NaN, report.Repeats) : null))));
        var bars = measured
            .Select(m => (m.Name, Values: results.Select(m.Pick).ToArray()))
            .Where(m => m.Values.Any(v => v is not null))
            .Select(m => Figures.Bar(m.Name, labels, m.Values.Select(v => v?.Mean ?? double.NaN).ToArray(), m.Values.Select(v => v?.Std ?? double.NaN).ToArray()));
        return Figures.Chart(bars, title, withModel ? "model / defence" : "defence", "accuracy (%)");
    }

    /// <summary>The k-pixel attacks' success rate (% of the correctly classified images) against k, one line per defence.</summary>
    /// <exception cref="ArgumentException">No result ran a few-pixel attack.</exception>
    public static GenericChart FewPixelSuccess(IReadOnlyList<EvaluationResult> results, string title)
    {
        NotEmpty(results);
        bool withModel = ResultCells.SeveralModels(results);
        var lines = results
            .Select(r => (Label: ResultCells.Label(r, withModel), Points: MinimalCells.Pairs(r).Where(p => p.Spec.Kind == "few-pixel").OrderBy(p => p.Spec.Pixels).ToList()))
            .Where(s => s.Points.Count > 0)
            .Select(s => Figures.Line(s.Label, s.Points.Select(p => p.Spec.Pixels).ToArray(), s.Points.Select(p => p.Report.SuccessRate.Mean).ToArray(),
                s.Points.Select(p => p.Report.SuccessRate.Std).ToArray()))
            .ToList();
        if (lines.Count == 0) throw new ArgumentException("no result holds a few-pixel report", nameof(results));
        return Figures.Chart(lines, title, "pixels changed (k)", "success rate (% of attacked images)", integerX: true);
    }

    private static void NotEmpty(IReadOnlyList<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("no results to chart", nameof(results));
    }
}
