using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// The measured-vs-paper table of any list of experiments (Tables 1–2, the ε = 8/255 points of Figures 5–6): one row
/// per <see cref="EvaluationResult"/>, in order, clean / FGSM / PGD at ε = 8/255 measured and as the paper printed them
/// (docs/method.md §6), Δ where both exist, and the paper's caveat for the cell (a suspected copy error, a value read off a
/// plot) or "no paper number".
/// </summary>
public static class ResultTable
{
    /// <summary>Shown when the evaluation did not run that attack (a sweep of the other attack).</summary>
    public const string NotMeasured = "not measured";

    public static IReadOnlyList<ResultTableRow> Rows(IEnumerable<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.Select(Row)];
    }

    private static ResultTableRow Row(EvaluationResult r)
    {
        var clean = r.Report.Clean;
        var fgsm = ResultCells.Measured(r, "fgsm");
        var pgd = ResultCells.Measured(r, "pgd");
        var paper = r.Reported;
        return new ResultTableRow(r.Experiment, r.Model, r.Defense, r.Report.Repeats,
            Show(clean), Show(fgsm), Show(pgd),
            paper?.Clean, paper?.Fgsm, paper?.Pgd,
            Delta(clean, paper?.Clean), Delta(fgsm, paper?.Fgsm), Delta(pgd, paper?.Pgd),
            paper is null ? "no paper number for this cell" : paper.Note ?? "");
    }

    private static string Show(MeanStd? measured) => measured?.ToString() ?? NotMeasured;

    // Rounded as printed (two decimals): the table is read, and the paper's own values carry at most two.
    private static double? Delta(MeanStd? measured, double? paper) =>
        measured is not null && paper is not null ? Math.Round(measured.Mean - paper.Value, 2) : null;
}
