using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Charts of the C&amp;W L2 κ sweep (notebook 04; docs/method.md §5 "report success rate / mean L2 distance"): one line per
/// defence against the confidence κ, ± one standard deviation over the repeats. A κ without a value (no image attacked,
/// or no success to average a distance over) is left out of its line: plotly would turn a NaN into an axis category.
/// </summary>
public static class CwCharts
{
    /// <summary>Success rate (% of the attacked images) against κ.</summary>
    public static PlotlyFigure SuccessRate(IReadOnlyList<EvaluationResult> results, string title) =>
        AgainstKappa(results, r => r.SuccessRate, title, "success rate (% of attacked images)");

    /// <summary>Mean L2 distance of the successful adversarial examples against κ (pixels in [0,1]).</summary>
    public static PlotlyFigure MeanL2(IReadOnlyList<EvaluationResult> results, string title) =>
        AgainstKappa(results, r => r.MeanDistance, title, "mean L2 of successes");

    private static PlotlyFigure AgainstKappa(IReadOnlyList<EvaluationResult> results, Func<MinimalAttackReport, MeanStd> measure, string title, string yTitle)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("no results to chart", nameof(results));
        bool withModel = ResultCells.SeveralModels(results);
        var lines = results.Select(r =>
        {
            var points = CwKappaTable.CwReports(r).Select(p => (p.Kappa, Value: measure(p.Report))).Where(p => double.IsFinite(p.Value.Mean)).ToList();
            return Figures.Line(ResultCells.Label(r, withModel), points.Select(p => p.Kappa).ToArray(),
                points.Select(p => p.Value.Mean).ToArray(), points.Select(p => double.IsFinite(p.Value.Std) ? p.Value.Std : 0).ToArray());
        });
        return Figures.Chart(lines, title, "confidence κ", yTitle);
    }
}
