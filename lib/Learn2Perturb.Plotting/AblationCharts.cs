using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Charts of an ablation's variants (notebooks 07, 08; docs/method.md §7): accuracy per variant, and the mean θ over the
/// training epochs of every variant's run.
/// </summary>
public static class AblationCharts
{
    /// <summary>
    /// Grouped bars per variant: clean, FGSM and PGD accuracy at ε = 8/255, error bars one standard deviation over the
    /// repeated stochastic evaluations. A measure no variant ran is left out.
    /// </summary>
    public static PlotlyFigure Accuracy(IReadOnlyList<AblationOutcome> outcomes, string title)
    {
        NotEmpty(outcomes);
        var variants = outcomes.Select(o => o.Variant).ToArray();
        (string Name, Func<EvaluationResult, MeanStd?> Pick)[] measures =
            [("clean", r => r.Report.Clean), ("FGSM", r => ResultCells.Measured(r, "fgsm")), ("PGD", r => ResultCells.Measured(r, "pgd"))];
        var bars = measures
            .Select(m => (m.Name, Values: outcomes.Select(o => m.Pick(o.Result)).ToArray()))
            .Where(m => m.Values.Any(v => v is not null))
            .Select(m => Figures.Bar(m.Name, variants, m.Values.Select(v => v?.Mean ?? double.NaN).ToArray(),
                m.Values.Select(v => v?.Std ?? double.NaN).ToArray()));
        return Figures.Chart(bars, title, "variant", "accuracy (%)");
    }

    /// <summary>
    /// One line per trained run: the mean θ (<see cref="TrainingHistory.MeanTheta"/>) at the end of every epoch.
    /// Variants that share a run (the same model evaluated another way) share a line, labelled with all their names;
    /// variants without θ modules get none.
    /// </summary>
    /// <exception cref="ArgumentException">No variant has θ modules.</exception>
    public static PlotlyFigure MeanThetaOverEpochs(IReadOnlyList<AblationOutcome> outcomes, string title)
    {
        NotEmpty(outcomes);
        var lines = outcomes
            .GroupBy(o => o.Result.RunId)
            .Select(run => (Label: string.Join(" = ", run.Select(o => o.Variant)), Epochs: run.First().History.Where(e => e.ThetaMeanPerModule.Count > 0).ToList()))
            .Where(run => run.Epochs.Count > 0)
            .Select(run => Figures.Line(run.Label, run.Epochs.Select(e => e.Epoch).ToArray(), run.Epochs.Select(e => TrainingHistory.MeanTheta(e)!.Value).ToArray()))
            .ToList();
        if (lines.Count == 0) throw new ArgumentException("no variant has θ modules to chart", nameof(outcomes));
        return Figures.Chart(lines, title, "epoch (θ at its end; counted from 0)", "mean θ (average of the modules' means)", integerX: true);
    }

    private static void NotEmpty(IReadOnlyList<AblationOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0) throw new ArgumentException("no variants to chart", nameof(outcomes));
    }
}
