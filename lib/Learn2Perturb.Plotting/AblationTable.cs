using System.Globalization;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Learn2Perturb.Perturbation;

namespace Learn2Perturb.Plotting;

/// <summary>
/// The table of an ablation notebook (07, 08): one row per variant, clean / FGSM / PGD at ε = 8/255 (mean ± std), the
/// change against the paper-default variant, and the mean θ the variant learned. The paper describes these ablations
/// in words only (docs/method.md §6–7), so the paper column says that instead of giving a number.
/// </summary>
public static class AblationTable
{
    /// <summary>The variant every other is compared with: the paper's own settings.</summary>
    public const string Baseline = "paper-default";

    /// <summary>What the paper column holds for every ablation row.</summary>
    public const string NoPaperNumber = "none: the paper describes this ablation in words only";

    /// <remarks>Δ cells are empty when no outcome is the <see cref="Baseline"/> variant, or for a measure either lacks.</remarks>
    public static IReadOnlyList<AblationTableRow> Rows(IReadOnlyList<AblationOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var baseline = outcomes.FirstOrDefault(o => o.Variant == Baseline)?.Result;
        return [.. outcomes.Select(o => Row(o, baseline))];
    }

    private static AblationTableRow Row(AblationOutcome o, EvaluationResult? baseline)
    {
        var r = o.Result;
        var measures = new[] { r.Report.Clean, ResultCells.Measured(r, "fgsm"), ResultCells.Measured(r, "pgd") };
        var reference = baseline is null ? null : new[] { baseline.Report.Clean, ResultCells.Measured(baseline, "fgsm"), ResultCells.Measured(baseline, "pgd") };
        double? Delta(int i) => reference?[i] is { } b && measures[i] is { } m ? Math.Round(m.Mean - b.Mean, 2) : null;
        var noise = (r.Config.TestTimeNoise ?? NoiseMode.On) == NoiseMode.On ? "on" : "off";
        int modules = o.History.Count > 0 ? o.History[^1].ThetaMeanPerModule.Count : 0;
        return new AblationTableRow(o.Variant, r.Report.Repeats, noise, Show(measures[0]), Show(measures[1]), Show(measures[2]),
            Delta(0), Delta(1), Delta(2), modules, o.FinalMeanTheta?.ToString("F4", CultureInfo.InvariantCulture) ?? "no θ", NoPaperNumber);
    }

    private static string Show(MeanStd? measured) => measured?.ToString() ?? ResultTable.NotMeasured;
}
