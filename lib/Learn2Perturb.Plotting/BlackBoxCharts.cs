using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Charts of the black-box evaluation (notebook 05; docs/method.md §5): per defence, accuracy under white-box and transferred
/// FGSM / PGD-7, and the k-pixel attacks' success rate. The two are separate charts because the few-pixel attack runs on
/// fewer images (its own first N) than the budget attacks, so its numbers do not share their denominator.
/// </summary>
public static class BlackBoxCharts
{
    /// <summary>
    /// Grouped bars, one group per defence: clean, then FGSM and PGD-7 white-box and transferred, ± std over the
    /// repeats. The black-box ≥ white-box sanity check reads off neighbouring bars. A measure no result ran is left out.
    /// </summary>
    public static PlotlyFigure Accuracy(IReadOnlyList<EvaluationResult> results, string title) =>
        ResultCharts.AccuracyBars(results,
        [
            ("clean", r => r.Report.Clean), ("FGSM white-box", r => ResultCells.Measured(r, "fgsm")), ("FGSM transfer", r => BlackBoxTable.Transferred(r, "fgsm")),
            ("PGD-7 white-box", r => ResultCells.Measured(r, "pgd")), ("PGD-7 transfer", r => BlackBoxTable.Transferred(r, "pgd")),
        ], title);

    /// <summary>
    /// Grouped bars, one group per defence, one bar per pixel count k: the k-pixel attack's success rate (% of the
    /// correctly classified images it attacked), ± std over the repeats. A defence with nothing attacked gets no bar.
    /// </summary>
    /// <exception cref="ArgumentException">No result ran a few-pixel attack.</exception>
    public static PlotlyFigure FewPixelSuccess(IReadOnlyList<EvaluationResult> results, string title)
    {
        NotEmpty(results);
        bool withModel = ResultCells.SeveralModels(results);
        var labels = results.Select(r => ResultCells.Label(r, withModel)).ToArray();
        var pixels = results.SelectMany(r => MinimalCells.Pairs(r)).Where(p => p.Spec.Kind == "few-pixel").Select(p => p.Spec.Pixels).Distinct().Order().ToList();
        if (pixels.Count == 0) throw new ArgumentException("no result holds a few-pixel report", nameof(results));
        var bars = pixels.Select(k =>
        {
            var reports = results.Select(r => BlackBoxTable.FewPixel(r, k)).ToArray();
            return Figures.Bar($"{k}-pixel", labels, reports.Select(m => m?.SuccessRate.Mean ?? double.NaN).ToArray(),
                reports.Select(m => m?.SuccessRate.Std ?? double.NaN).ToArray());
        });
        return Figures.Chart(bars, title, withModel ? "model / defence" : "defence", "success rate (% of attacked images)");
    }

    private static void NotEmpty(IReadOnlyList<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("no results to chart", nameof(results));
    }
}
