using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// One attack of one stored evaluation: accuracy in percent as "mean ± std" over <see cref="Repeats"/>, the forward
/// passes each gradient averaged (1 = no EOT), and <see cref="DeltaFromTablePgd"/> = this attack's mean − the plain
/// PGD-7 at 8/255 of the same evaluation (Table 1's attack), i.e. how much the adaptive attack takes off the robustness
/// the paper's protocol reports. <see cref="PaperPgd"/> is Table 1's PGD-7 number where the cell has one.
/// </summary>
public sealed record AttackTableRow(string Defence, string Attack, int PassesPerGradient, int Repeats, string Accuracy,
    double? DeltaFromTablePgd, double? PaperPgd);

/// <summary>Every attack of every result, in the evaluation's order, with the worst of them last (AutoAttack's summary).</summary>
public static class AttackTable
{
    /// <summary>
    /// The label of the closing row per result that stores the per-image worst case (AutoAttack's robust accuracy:
    /// correct clean and under every attack, in the same repeat).
    /// </summary>
    public const string WorstCase = "worst case per image (correct clean and under every attack above)";

    /// <summary>
    /// The closing row of a result stored before the per-image worst case was measured: the lowest mean accuracy over
    /// its attacks, an upper bound on the per-image worst case.
    /// </summary>
    public const string WorstMean = "worst of the above (upper bound on the per-image worst case)";

    public static IReadOnlyList<AttackTableRow> Rows(IReadOnlyList<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var labels = ExperimentLabels.Distinguishing(results);
        return [.. results.SelectMany((r, i) => Rows(labels[i], r))];
    }

    private static IEnumerable<AttackTableRow> Rows(string label, EvaluationResult r)
    {
        var tablePgd = ResultCells.Measured(r, "pgd");
        double? Delta(double mean) => tablePgd is null ? null : Math.Round(mean - tablePgd.Mean, 2);
        var measured = r.Config.Attacks.Where(a => r.Report.Attacks.ContainsKey(a.Name)).Select(a => (a.Name, a.EotSamples, Accuracy: r.Report.Attacks[a.Name])).ToList();
        foreach (var (name, eot, accuracy) in measured)
            yield return new(label, name, eot, r.Report.Repeats, accuracy.ToString(), Delta(accuracy.Mean), r.Reported?.Pgd);
        if (measured.Count == 0) yield break;
        var worst = measured.MinBy(m => m.Accuracy.Mean);
        int passes = measured.Max(m => m.EotSamples);
        if (r.Report.WorstCase is { } perImage)
            yield return new(label, WorstCase, passes, r.Report.Repeats, perImage.ToString(), Delta(perImage.Mean), r.Reported?.Pgd);
        else
            yield return new(label, $"{WorstMean}: {worst.Name}", worst.EotSamples, r.Report.Repeats, worst.Accuracy.ToString(), Delta(worst.Accuracy.Mean), r.Reported?.Pgd);
    }
}
