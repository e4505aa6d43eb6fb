using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Charts of any list of stored evaluations: clean / FGSM / PGD accuracy per experiment cell (Tables 1–2), and accuracy
/// against ε per defence (Figures 5–6). Error bars are one standard deviation over the repeated stochastic evaluations
/// (docs/method.md §5).
/// </summary>
public static class ResultCharts
{
    /// <summary>
    /// Grouped bars: one trace per measure (clean, FGSM, PGD at ε = 8/255), one bar per result, labelled by defence
    /// (and model when the results span several); beside each measured bar a pale "· paper" bar with the paper's number
    /// for that cell, where the paper has one (docs/method.md §6). A measure no result ran is left out rather than drawn
    /// as zero.
    /// </summary>
    public static PlotlyFigure Accuracy(IReadOnlyList<EvaluationResult> results, string title)
    {
        var chart = AccuracyBars(results, [("clean", r => r.Report.Clean), ("FGSM", r => ResultCells.Measured(r, "fgsm")), ("PGD", r => ResultCells.Measured(r, "pgd"))], title);
        if (results.All(r => r.Reported is null)) return chart;
        bool withModel = ResultCells.SeveralModels(results);
        var labels = results.Select(r => ResultCells.Label(r, withModel)).ToArray();
        var paper = new Dictionary<string, Func<PaperNumbers, double>> { ["clean"] = p => p.Clean, ["FGSM"] = p => p.Fgsm, ["PGD"] = p => p.Pgd };
        var traces = chart.Traces.SelectMany(measured =>
        {
            var name = measured["name"]!.GetValue<string>();
            var ghost = Figures.Bar($"{name} · paper", labels, results.Select(r => r.Reported is { } p ? paper[name](p) : double.NaN).ToArray());
            ghost["marker"] = PlotlyFigure.Object(("opacity", 0.35), ("pattern", PlotlyFigure.Object(("shape", "/"))));
            return new[] { measured, ghost };
        });
        return new PlotlyFigure(traces, chart.Layout);
    }

    /// <summary>
    /// Grouped bars of accuracy ± std: one trace per measure, one bar per result, labelled by defence (and model when the
    /// results span several). A measure no result ran is left out rather than drawn as zero.
    /// </summary>
    public static PlotlyFigure AccuracyBars(IReadOnlyList<EvaluationResult> results, IReadOnlyList<(string Name, Func<EvaluationResult, MeanStd?> Pick)> measures,
        string title)
    {
        NotEmpty(results);
        bool withModel = ResultCells.SeveralModels(results);
        var labels = results.Select(r => ResultCells.Label(r, withModel)).ToArray();
        var bars = measures
            .Select(m => (m.Name, Values: results.Select(m.Pick).ToArray()))
            .Where(m => m.Values.Any(v => v is not null))
            // A cell without the measure gets no bar (NaN is not drawn), so a half-measured row cannot read as 0 %.
            .Select(m => Figures.Bar(m.Name, labels, m.Values.Select(v => v?.Mean ?? double.NaN).ToArray(),
                m.Values.Select(v => v?.Std ?? double.NaN).ToArray()));
        return Figures.Chart(bars, title, withModel ? "model / defence" : "defence", "accuracy (%)");
    }

    /// <summary>
    /// Accuracy against ε (in 1/255) of the <paramref name="kind"/> attack (<c>fgsm</c> or <c>pgd</c>), one line per
    /// result that ran a sweep of it, with ± std error bars: Figures 5–6.
    /// </summary>
    /// <exception cref="ArgumentException">No result holds a point of that attack.</exception>
    public static PlotlyFigure EpsilonSweep(IReadOnlyList<EvaluationResult> results, string kind, string title)
    {
        NotEmpty(results);
        bool withModel = ResultCells.SeveralModels(results);
        var lines = results
            .Select(r => (Label: ResultCells.Label(r, withModel), Points: ResultCells.Sweep(r, kind)))
            .Where(s => s.Points.Count > 0)
            .Select(s => Figures.Line(s.Label, s.Points.Select(p => p.Epsilon255).ToArray(), s.Points.Select(p => p.Accuracy.Mean).ToArray(),
                s.Points.Select(p => p.Accuracy.Std).ToArray()))
            .ToList();
        if (lines.Count == 0) throw new ArgumentException($"no result holds a '{kind}' sweep (attacks are fgsm, pgd)", nameof(kind));
        return Figures.Chart(lines, title, "ε (× 1/255)", "accuracy (%)", integerX: true);
    }

    /// <summary>
    /// Grouped bars across seeds: one trace per measure of <see cref="SeedTable.Measures"/> that some experiment has, one
    /// bar per experiment at its mean over seeds, error bars the 95 % t interval (none for one seed).
    /// </summary>
    public static PlotlyFigure AcrossSeeds(IReadOnlyList<SeededResults> experiments, string title)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        if (experiments.Count == 0) throw new ArgumentException("no results to chart", nameof(experiments));
        var labels = experiments.Select(e => SeedTable.Label(e, experiments)).ToArray();
        var bars = SeedTable.Measures
            .Select(m => (m.Name, Values: experiments.Select(e => e.Measure(m.Pick)).ToArray()))
            .Where(m => m.Values.Any(v => v is not null))
            .Select(m => Figures.Bar(m.Name, labels, m.Values.Select(v => v?.Mean ?? double.NaN).ToArray(), m.Values.Select(v => v?.HalfWidth ?? double.NaN).ToArray()));
        return Figures.Chart(bars, title, "variant", "accuracy (%), mean over seeds ± 95 % interval");
    }

    /// <summary>
    /// The paired differences (same seeds) of each experiment to <paramref name="baseline"/>, one trace per measure, error
    /// bars the 95 % t interval: a bar whose interval crosses 0 is no resolved effect. The paper's PGD difference for the
    /// same cells is a pale bar beside ours where it printed both.
    /// </summary>
    public static PlotlyFigure Differences(IReadOnlyList<SeededResults> experiments, SeededResults baseline, string title)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        var others = experiments.Where(e => e.Experiment != baseline.Experiment).ToList();
        if (others.Count == 0) throw new ArgumentException($"no experiment besides the baseline '{baseline.Experiment}' to compare", nameof(experiments));
        // Each bar is named by its variant alone, the baseline once on the axis: long "a − b" labels are cut off at the bottom.
        var labels = others.Select(e => SeedTable.Label(e, experiments)).ToArray();
        var traces = SeedTable.Measures
            .Select(m => (m.Name, Values: others.Select(e => e.DifferenceTo(baseline, m.Pick)).ToArray()))
            .Where(m => m.Values.Any(v => v is not null))
            .Select(m => Figures.Bar(m.Name, labels, m.Values.Select(v => v?.Mean ?? double.NaN).ToArray(), m.Values.Select(v => v?.HalfWidth ?? double.NaN).ToArray()))
            .ToList();
        if (baseline.Reported is { } b && others.Any(e => e.Reported is not null))
        {
            var paper = Figures.Bar("PGD · paper", labels, others.Select(e => e.Reported is { } p ? p.Pgd - b.Pgd : double.NaN).ToArray());
            paper["marker"] = PlotlyFigure.Object(("opacity", 0.35), ("pattern", PlotlyFigure.Object(("shape", "/"))));
            traces.Add(paper);
        }
        return Figures.Chart(traces, title, $"paired difference to {SeedTable.Label(baseline, experiments)} (same seeds)", "accuracy difference (points) ± 95 % interval");
    }

    private static void NotEmpty(IReadOnlyList<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("no results to chart", nameof(results));
    }
}
