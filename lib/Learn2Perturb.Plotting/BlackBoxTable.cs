using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// The black-box table (notebook 05): one row per result of <c>blackbox/resnet-v1-20/*</c>, white-box next to transfer
/// accuracy and the few-pixel success rates. The paper's black-box numbers are not available to us (docs/method.md §6).
/// </summary>
public static class BlackBoxTable
{
    /// <summary>The sanity-check cell when no black-box attack beat a white-box one.</summary>
    public const string CheckPassed = "passed: transfer ≥ white-box";

    public static IReadOnlyList<BlackBoxRow> Rows(IEnumerable<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.Select(Row)];
    }

    /// <summary>
    /// The accuracy under the first <paramref name="kind"/> transfer attack at <paramref name="epsilon"/> (default: the table budget; crafted on
    /// another model), or null when the evaluation ran none.
    /// </summary>
    public static MeanStd? Transferred(EvaluationResult result, string kind, double? epsilon = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var budget = epsilon ?? ResultCells.TableEpsilon(result);
        var spec = result.Config.Attacks.FirstOrDefault(a => a.Kind == kind && a.Source is not null && Math.Abs(a.Epsilon - budget) * 255 < 1e-6);
        return spec is not null && result.Report.Attacks.TryGetValue(spec.Name, out var measured) ? measured : null;
    }

    /// <summary>The few-pixel report for <paramref name="pixels"/> pixels, or null when the evaluation ran none.</summary>
    public static MinimalAttackReport? FewPixel(EvaluationResult result, int pixels) =>
        MinimalCells.Pairs(result).Where(p => p.Spec.Kind == "few-pixel" && p.Spec.Pixels == pixels).Select(p => p.Report).FirstOrDefault();

    /// <summary>The names of the transfer sources the result's attacks were crafted on.</summary>
    public static string Sources(EvaluationResult result) =>
        string.Join(", ", result.Config.Attacks.Select(a => a.Source?.Name).OfType<string>().Distinct());

    private static BlackBoxRow Row(EvaluationResult r)
    {
        var warnings = r.Report.Warnings.Where(w => w.Check == SanityCheck.BlackBoxBeatsWhiteBox).Select(w => w.Message).ToList();
        return new BlackBoxRow(r.Defense, r.Report.Repeats, r.Report.Clean.ToString(),
            Show(ResultCells.Measured(r, "fgsm")), Show(Transferred(r, "fgsm")), Show(ResultCells.Measured(r, "pgd")), Show(Transferred(r, "pgd")),
            Sources(r), Pixels(r, 1), Pixels(r, 2), Pixels(r, 3),
            warnings.Count == 0 ? CheckPassed : "WARNING: " + string.Join("; ", warnings), CwKappaTable.NoPaperNumber);
    }

    private static string Show(MeanStd? measured) => measured?.ToString() ?? ResultTable.NotMeasured;

    private static string Pixels(EvaluationResult r, int k) =>
        FewPixel(r, k) is { } report ? $"{report.SuccessRate} ({report.Attempted.Mean:F0}% attacked)" : ResultTable.NotMeasured;
}
