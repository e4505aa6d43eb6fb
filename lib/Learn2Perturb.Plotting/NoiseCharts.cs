using Learn2Perturb.Experiments;
using Learn2Perturb.Training;

namespace Learn2Perturb.Plotting;

/// <summary>
/// How the learned noise looks (docs/method.md §7 "Learned noise", notebook 10): the mean θ of every module over the training
/// epochs as a heatmap, and the distribution of the final θ values of every module as histograms.
/// </summary>
public static class NoiseCharts
{
    /// <summary>
    /// Heatmap of the mean θ, one row per module (stem first, labelled by <paramref name="moduleLabels"/>), one column per
    /// logged epoch (θ at the epoch's end).
    /// </summary>
    /// <exception cref="ArgumentException">No epochs, no θ modules, or an epoch whose module count differs from the labels.</exception>
    public static PlotlyFigure ThetaHeatmap(IReadOnlyList<EpochEnded> history, IReadOnlyList<string> moduleLabels, string title)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(moduleLabels);
        if (history.Count == 0) throw new ArgumentException("no epochs to chart", nameof(history));
        if (moduleLabels.Count == 0) throw new ArgumentException("no θ modules to chart", nameof(moduleLabels));
        var odd = history.FirstOrDefault(e => e.ThetaMeanPerModule.Count != moduleLabels.Count);
        if (odd is not null)
            throw new ArgumentException($"epoch {odd.Epoch} logged {odd.ThetaMeanPerModule.Count} θ modules but {moduleLabels.Count} labels were given", nameof(moduleLabels));
        var z = moduleLabels.Select((_, m) => (IReadOnlyList<double>)history.Select(e => e.ThetaMeanPerModule[m]).ToArray()).ToList();
        var trace = PanelFigures.Heatmap(history.Select(e => e.Epoch).ToArray(), moduleLabels, z, "mean θ");
        return PanelFigures.Single(trace, title, "epoch (θ at its end; counted from 0)", "module", integerX: true);
    }

    /// <summary>
    /// One histogram per module of its final θ values, on shared bins from the smallest to the largest θ of the model,
    /// as the fraction of the module's elements in each bin (so modules of different sizes compare).
    /// </summary>
    public static PlotlyFigure ThetaHistograms(LearnedTheta theta, string title, int bins = 30, int columns = 4)
    {
        ArgumentNullException.ThrowIfNull(theta);
        var (centres, width, fractions) = Histograms(theta.Modules, bins);
        var panels = theta.Modules.Select((m, i) => (m.Label, PanelFigures.Histogram(m.Label, centres, width, fractions[i]))).ToList();
        return PanelFigures.Panels(panels, title, "θ", "fraction of elements", columns);
    }

    /// <summary>
    /// Histograms of every module's θ on <paramref name="bins"/> equal bins spanning all modules' values (the largest
    /// value falls in the last bin): the bin centres, the bin width, and per module the fraction of its elements in each bin.
    /// </summary>
    public static (double[] Centres, double Width, double[][] Fractions) Histograms(IReadOnlyList<ThetaMap> modules, int bins)
    {
        ArgumentNullException.ThrowIfNull(modules);
        if (modules.Count == 0) throw new ArgumentException("no θ modules to histogram", nameof(modules));
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be ≥ 1");
        double lo = modules.Min(m => m.Min), hi = modules.Max(m => m.Max);
        double width = hi > lo ? (hi - lo) / bins : 1e-3; // all θ equal (untrained): one narrow bar
        var centres = Enumerable.Range(0, bins).Select(b => lo + (b + 0.5) * width).ToArray();
        var fractions = modules.Select(m =>
        {
            var counts = new double[bins];
            foreach (var v in m.Values) counts[Math.Clamp((int)((v - lo) / width), 0, bins - 1)]++;
            return counts.Select(c => c / m.Values.Count).ToArray();
        }).ToArray();
        return (centres, width, fractions);
    }
}
