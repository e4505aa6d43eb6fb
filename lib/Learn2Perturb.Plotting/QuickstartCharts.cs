using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>Charts of a <see cref="QuickstartReport"/>: accuracy per defence and attack, and the learned θ per layer.</summary>
public static class QuickstartCharts
{
    /// <summary>
    /// Grouped bars: clean, FGSM and PGD accuracy (percent) for each defence, error bars = one standard deviation over
    /// the repeated stochastic evaluations (docs/method.md §5).
    /// </summary>
    public static PlotlyFigure Accuracy(QuickstartReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Rows.Count == 0) throw new ArgumentException("report has no rows", nameof(report));
        var defenses = report.Rows.Select(r => r.Defense).ToArray();
        (string Name, Func<QuickstartRow, MeanStd> Pick)[] series = [("clean", r => r.Clean), ("FGSM", r => r.Fgsm), ("PGD", r => r.Pgd)];
        var bars = series.Select(s =>
        {
            var values = report.Rows.Select(s.Pick).ToArray();
            return Figures.Bar(s.Name, defenses, values.Select(v => v.Mean).ToArray(), values.Select(v => v.Std).ToArray());
        });
        var first = report.Rows[0];
        var title = $"Quickstart ({report.Profile}, {report.Dataset}, {first.Model}): accuracy, mean ± std over {first.Repeats} repeats";
        return Figures.Chart(bars, title, "defence", "accuracy (%)");
    }

    /// <summary>The Learn2Perturb model's learned mean θ per perturbation layer (stem first).</summary>
    public static PlotlyFigure ThetaPerLayer(QuickstartReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.ThetaMeanPerLayer.Count == 0) throw new ArgumentException("report has no learned θ (no Learn2Perturb row)", nameof(report));
        var layers = Enumerable.Range(0, report.ThetaMeanPerLayer.Count).ToArray();
        var line = Figures.Line("mean θ", layers, report.ThetaMeanPerLayer);
        return Figures.Chart([line], "Learned noise: mean θ per perturbation layer", "layer (0 = stem)", "mean θ", integerX: true);
    }
}
