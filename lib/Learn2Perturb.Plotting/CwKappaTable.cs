using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// The C&amp;W L2 κ sweep as a table (notebook 04): one row per defence and κ, from results whose evaluation ran
/// C&amp;W at several confidences (<c>cw/resnet-v1-20/*</c>). The paper's C&amp;W numbers are not available to us
/// (docs/method.md §6), which every row says.
/// </summary>
public static class CwKappaTable
{
    /// <summary>What the paper column holds: the paper claims a C&amp;W table whose numbers we do not have.</summary>
    public const string NoPaperNumber = "no paper number (docs/method.md §6)";

    /// <exception cref="ArgumentException">A result has no C&amp;W report.</exception>
    public static IReadOnlyList<CwKappaRow> Rows(IEnumerable<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.SelectMany(r => CwReports(r).Select(c => new CwKappaRow(r.Defense, c.Kappa, r.Report.Clean.ToString(),
            ResultCells.Measured(r, "pgd")?.ToString() ?? ResultTable.NotMeasured, Percent(c.Report.Attempted), c.Report.SuccessRate.ToString(),
            MinimalAttackReport.DistanceText(c.Report.MeanDistance), c.Report.Repeats, c.Report.Samples, NoPaperNumber)))];
    }

    /// <summary>The result's C&amp;W reports by increasing κ.</summary>
    /// <exception cref="ArgumentException">The result ran no C&amp;W attack.</exception>
    public static IReadOnlyList<(double Kappa, MinimalAttackReport Report)> CwReports(EvaluationResult result)
    {
        var cw = MinimalCells.Pairs(result).Where(p => p.Spec.Kind == "cw-l2").Select(p => (p.Spec.Confidence, p.Report)).OrderBy(p => p.Confidence).ToList();
        return cw.Count > 0 ? cw : throw new ArgumentException($"result '{result.Experiment}' holds no C&W (cw-l2) report", nameof(result));
    }

    private static string Percent(MeanStd share) => $"{share.Mean:F1}%";
}
