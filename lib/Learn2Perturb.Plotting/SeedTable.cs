using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// A comparison across seeds: one row per experiment, each measure (accuracy %, at the table budget of the profile) as
/// the mean over seeds ± the half-width of its 95 % t interval (<see cref="Interval"/>), and the paired difference to
/// <c>baseline</c> (same seeds) with its interval. A difference counts as an effect only when its interval excludes 0
/// (<see cref="SeedTableRow.Resolved"/>); with one seed there is no interval and nothing is resolved. The paper's
/// difference for the same pair of cells stands beside ours where it printed both.
/// </summary>
public static class SeedTable
{
    /// <summary>The measures every row shows, in order: clean, FGSM, PGD-7, EOT-PGD, per-image worst case.</summary>
    public static IReadOnlyList<(string Name, Func<EvaluationResult, double?> Pick)> Measures { get; } =
    [
        ("clean", r => r.Report.Clean.Mean),
        ("FGSM", r => ResultCells.Measured(r, "fgsm")?.Mean),
        ("PGD", r => ResultCells.Measured(r, "pgd")?.Mean),
        ("EOT-PGD", r => ResultCells.MeasuredWithEot(r, "pgd")?.Mean),
        ("worst case", r => r.Report.WorstCase?.Mean),
    ];

    public static IReadOnlyList<SeedTableRow> Rows(IReadOnlyList<SeededResults> experiments, SeededResults baseline)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        ArgumentNullException.ThrowIfNull(baseline);
        return [.. experiments.Select(e => Row(e, baseline, experiments))];
    }

    /// <summary>
    /// What a comparison calls <paramref name="e"/>: its defence when every experiment of <paramref name="all"/> has its own
    /// (Table 1), else the last part of its name, the variant (<c>gamma-1e-3</c> of <c>ablation/noise-reg/gamma-1e-3</c>).
    /// </summary>
    public static string Label(SeededResults e, IReadOnlyList<SeededResults> all) =>
        all.Select(x => x.Defense).Distinct().Count() == all.Count ? e.Defense : e.Experiment[(e.Experiment.LastIndexOf('/') + 1)..];

    private static SeedTableRow Row(SeededResults e, SeededResults baseline, IReadOnlyList<SeededResults> all)
    {
        bool isBaseline = ReferenceEquals(e, baseline) || e.Experiment == baseline.Experiment;
        string Value(int i) => e.Measure(Measures[i].Pick)?.ToString() ?? ResultTable.NotMeasured;
        Interval? Diff(int i) => isBaseline ? null : e.DifferenceTo(baseline, Measures[i].Pick);
        string Show(Interval? d) => isBaseline ? "(baseline)" : d?.ToSignedString() ?? ResultTable.NotMeasured;
        var diffs = Enumerable.Range(0, Measures.Count).Select(Diff).ToList();
        var resolved = Enumerable.Range(0, Measures.Count).Where(i => diffs[i] is { ExcludesZero: true })
            .Select(i => $"{Measures[i].Name} {(diffs[i]!.Mean > 0 ? "higher" : "lower")}").ToList();
        double? paperDiff = isBaseline || e.Reported is null || baseline.Reported is null ? null : Math.Round(e.Reported.Pgd - baseline.Reported.Pgd, 2);
        return new SeedTableRow(e.Experiment, Label(e, all), e.Seeds.Count, Value(0), Value(1), Value(2), Value(3), Value(4),
            Label(baseline, all), Show(diffs[0]), Show(diffs[2]), Show(diffs[3]), Show(diffs[4]), paperDiff,
            isBaseline ? "" : resolved.Count == 0 ? "none" : string.Join(", ", resolved));
    }
}

/// <summary>
/// One experiment across seeds (<see cref="SeedTable"/>): measures as "mean ± 95 % half-width (n = seeds)", paired
/// differences to <see cref="Baseline"/> likewise, the paper's PGD difference for the same cells, and which differences
/// exclude 0.
/// </summary>
public sealed record SeedTableRow(string Experiment, string Variant, int Seeds, string Clean, string Fgsm, string Pgd, string EotPgd, string WorstCase,
    string Baseline, string DiffClean, string DiffPgd, string DiffEotPgd, string DiffWorstCase, double? PaperDiffPgd, string Resolved);
