using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// A comparison's conclusions computed from its results, so that a re-run never leaves stale prose behind: for each
/// experiment and measure of <see cref="SeedTable.Measures"/>, the paired difference to the baseline, whether its 95 %
/// interval excludes 0 (the rule by which an effect counts), and the paper's difference where it printed one.
/// </summary>
public static class SeedConclusions
{
    public static IReadOnlyList<string> Describe(IReadOnlyList<SeededResults> experiments, SeededResults baseline)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        ArgumentNullException.ThrowIfNull(baseline);
        var lines = new List<string>();
        foreach (var e in experiments.Where(e => e.Experiment != baseline.Experiment))
        {
            var parts = SeedTable.Measures
                .Select(m => (m.Name, Diff: e.DifferenceTo(baseline, m.Pick)))
                .Where(m => m.Diff is not null)
                .Select(m => $"{m.Name} {m.Diff!.ToSignedString()} ({Verdict(m.Diff!)})");
            var paper = e.Reported is { } p && baseline.Reported is { } b ? $"; the paper, under PGD on CIFAR-10: {p.Pgd - b.Pgd:+0.00;−0.00;0.00}" : "";
            lines.Add($"{SeedTable.Label(e, experiments)} − {SeedTable.Label(baseline, experiments)}, {e.Seeds.Count} seed(s): {string.Join("; ", parts)}{paper}.");
        }
        if (baseline.Seeds.Count == 1)
            lines.Add("One seed: no interval, so no difference above counts as an effect, whatever its size (run with more seeds).");
        return lines;
    }

    /// <summary>"resolved: higher", "not resolved: the interval includes 0", or "no interval (one seed)".</summary>
    public static string Verdict(Interval difference) =>
        !difference.HasWidth ? "no interval (one seed)"
        : difference.ExcludesZero ? $"resolved: {(difference.Mean > 0 ? "higher" : "lower")}"
        : $"not resolved: the interval includes 0; these seeds resolve only differences beyond ±{difference.HalfWidth:F2}";
}
