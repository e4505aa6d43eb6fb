using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// One point of an attack-strength sweep (docs/method.md §7): accuracy in percent as "mean ± std" over <see cref="Repeats"/>,
/// and <see cref="DeltaFromWeakest"/> = this point's mean − the sweep's first (weakest) point's, which is how much
/// robustness the extra effort removed. <see cref="Paper"/> says whether the paper gives a number (it does not, §6).
/// </summary>
public sealed record SweepTableRow(string Experiment, string Attack, string Parameter, double Value, int Repeats,
    string Clean, string Accuracy, double DeltaFromWeakest, string Paper);

/// <summary>Every point of every sweep of <see cref="StrengthParameter"/> in a list of stored results, as table rows.</summary>
public static class SweepTable
{
    /// <summary>What the paper column says where the paper's numbers are not available to us (docs/method.md §6).</summary>
    public const string NoPaperNumber = "not available (docs/method.md §6)";

    /// <summary>Rows of the <paramref name="kinds"/> sweeps of <paramref name="parameter"/> (default PGD), result by result.</summary>
    public static IReadOnlyList<SweepTableRow> Rows(IReadOnlyList<EvaluationResult> results, StrengthParameter parameter, params string[] kinds)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (kinds.Length == 0) kinds = ["pgd"];
        var swept = results.Where(r => kinds.Any(k => StrengthSweeps.Holds(r, k, parameter))).ToList();
        var labels = ExperimentLabels.Distinguishing(swept);
        double scale = parameter == StrengthParameter.Epsilon ? 255 : 1;
        return [.. swept.SelectMany((r, i) => kinds.Where(k => StrengthSweeps.Holds(r, k, parameter)).SelectMany(kind =>
        {
            var sweep = StrengthSweeps.Of(r, kind, parameter);
            double weakest = sweep.Points[0].Accuracy.Mean;
            return sweep.Points.Select(p => new SweepTableRow(labels[i], p.Attack, sweep.Parameter, Math.Round(p.Value * scale, 3), sweep.Repeats,
                sweep.Clean.ToString(), p.Accuracy.ToString(), Math.Round(p.Accuracy.Mean - weakest, 2), NoPaperNumber));
        }))];
    }
}
