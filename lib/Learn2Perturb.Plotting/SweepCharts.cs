using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Accuracy against the strength of an attack (docs/method.md §7: ε, PGD steps, restarts, EOT draws), one line per stored
/// result that holds such a sweep (<see cref="StrengthSweeps"/>), ± one standard deviation over the repeats.
/// </summary>
public static class SweepCharts
{
    /// <summary>
    /// One line per (result, attack kind) holding a sweep of <paramref name="parameter"/>, labelled by what distinguishes
    /// the results (<see cref="ExperimentLabels"/>) and, when several <paramref name="kinds"/> are drawn, by the kind.
    /// ε is plotted in units of 1/255 on a linear axis; steps, restarts and EOT draws on a log axis.
    /// </summary>
    /// <exception cref="ArgumentException">No result holds a sweep of that parameter for those kinds.</exception>
    public static PlotlyFigure Strength(IReadOnlyList<EvaluationResult> results, StrengthParameter parameter, string title, params string[] kinds)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (kinds.Length == 0) kinds = ["pgd"];
        // Labels among the results that hold the sweep: a group's other evaluations do not lengthen them.
        var swept = results.Where(r => kinds.Any(k => StrengthSweeps.Holds(r, k, parameter))).ToList();
        var labels = ExperimentLabels.Distinguishing(swept);
        double scale = parameter == StrengthParameter.Epsilon ? 255 : 1;
        var lines = swept.SelectMany((r, i) => kinds
                .Where(kind => StrengthSweeps.Holds(r, kind, parameter))
                .Select(kind => (Label: kinds.Length > 1 ? $"{labels[i]} · {kind.ToUpperInvariant()}" : labels[i], Sweep: StrengthSweeps.Of(r, kind, parameter))))
            .Select(s => Figures.Line(s.Label, [.. s.Sweep.Points.Select(p => Math.Round(p.Value * scale, 3))],
                [.. s.Sweep.Points.Select(p => p.Accuracy.Mean)], [.. s.Sweep.Points.Select(p => p.Accuracy.Std)]))
            .ToList();
        if (lines.Count == 0)
            throw new ArgumentException($"no result holds a sweep of {StrengthSweeps.Name(parameter)} for {string.Join(", ", kinds)}", nameof(parameter));
        var chart = Figures.Chart(lines, title, AxisTitle(parameter), "accuracy (%)");
        return parameter == StrengthParameter.Epsilon ? chart : LogX(chart);
    }

    // Steps, restarts and EOT draws grow geometrically (1, 2, 5, 10, 30): a log axis spaces them evenly. Its ticks are
    // the swept values themselves: plotly's own log ticks label only some decades and digits (20 would read "2").
    private static PlotlyFigure LogX(PlotlyFigure chart)
    {
        var values = chart.Traces.SelectMany(t => t["x"]!.AsArray().Select(v => v!.GetValue<double>())).Distinct().Order().ToArray();
        return chart.WithLayout(PlotlyFigure.Object(("xaxis", PlotlyFigure.Object(("type", "log"), ("tickmode", "array"),
            ("tickvals", PlotlyFigure.Numbers(values)), ("ticktext", PlotlyFigure.Strings(values.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))))))));
    }

    private static string AxisTitle(StrengthParameter parameter) => parameter switch
    {
        StrengthParameter.Epsilon => "ε (× 1/255)",
        StrengthParameter.Steps => "PGD steps",
        StrengthParameter.Restarts => "random restarts",
        StrengthParameter.EotSamples => "EOT samples (noise draws per gradient)",
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "expected epsilon, steps, restarts or eot-samples"),
    };
}
