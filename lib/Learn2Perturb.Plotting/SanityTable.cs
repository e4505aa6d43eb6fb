using System.Globalization;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// One gradient-masking sanity check of one defence (docs/method.md §7): what was checked, the numbers it looked at,
/// "passed" or "warning", and the warnings' sentences.
/// </summary>
public sealed record SanityTableRow(string Defence, string Check, string Evidence, string Verdict, string Detail);

/// <summary>
/// The sanity checks of an adaptive evaluation as a table: one row per sweep held by a result (accuracy → 0 as ε
/// grows; more steps, restarts or EOT draws never help the defender; <see cref="StrengthSweeps"/>) and, for each
/// evaluation named as attacked, the checks its evaluator ran on the first batch (a randomised model attacked without
/// EOT; zero input gradients). A check that did not run has no row: absence is not a pass.
/// </summary>
public static class SanityTable
{
    public const string Passed = "passed";
    public const string Warning = "warning";

    private static readonly (StrengthParameter Parameter, string Check)[] Sweeps =
    [
        (StrengthParameter.Epsilon, "accuracy → 0 as ε grows"),
        (StrengthParameter.Steps, "more PGD steps never help the defender"),
        (StrengthParameter.Restarts, "more restarts never help the defender"),
        (StrengthParameter.EotSamples, "more EOT draws never help the defender"),
    ];

    private static readonly (SanityCheck Check, string Name)[] FirstBatch =
    [
        (SanityCheck.StochasticWithoutEot, "randomised model attacked without EOT (AutoAttack's check_randomized)"),
        (SanityCheck.ZeroGradients, "no zero input gradients (AutoAttack's check_zero_gradients)"),
    ];

    /// <summary>
    /// One row per sweep held by <paramref name="sweeps"/> (of the <paramref name="kind"/> attack, PGD by default), then the
    /// first-batch checks of each of <paramref name="attacked"/> (the evaluations whose attacks are not a sweep, e.g.
    /// AutoAttack's). Rows are labelled by defence: the experiment name without its last segment where names differ there.
    /// </summary>
    public static IReadOnlyList<SanityTableRow> Rows(IReadOnlyList<EvaluationResult> sweeps, IReadOnlyList<EvaluationResult> attacked, string kind = "pgd")
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        ArgumentNullException.ThrowIfNull(attacked);
        var all = sweeps.Concat(attacked).ToList();
        var labels = ExperimentLabels.Distinguishing([.. all.Select(r => r with { Experiment = Defence(r) })]);
        var rows = new List<SanityTableRow>();
        for (int i = 0; i < sweeps.Count; i++)
            rows.AddRange(Sweeps.Where(s => StrengthSweeps.Holds(sweeps[i], kind, s.Parameter))
                .Select(s => SweepRow(labels[i], s.Check, s.Parameter, StrengthSweeps.Of(sweeps[i], kind, s.Parameter))));
        for (int i = 0; i < attacked.Count; i++)
            rows.AddRange(FirstBatch.Select(c => StoredRow(labels[sweeps.Count + i], c.Name, c.Check, attacked[i])));
        return rows;
    }

    private static SanityTableRow SweepRow(string defence, string check, StrengthParameter parameter, SweepReport sweep)
    {
        var evidence = string.Join(", ", sweep.Points.Select(p => $"{Value(parameter, p.Value)}: {p.Accuracy.Mean.ToString("0.#", CultureInfo.InvariantCulture)}%"));
        return Row(defence, check, $"{StrengthSweeps.Name(parameter)} → accuracy: {evidence}", sweep.Warnings);
    }

    private static SanityTableRow StoredRow(string defence, string name, SanityCheck check, EvaluationResult result)
    {
        var attacks = result.Report.AttackDescriptions.Select(a => $"{a.Key} ({a.Value.ForwardPassesPerGradient} pass{(a.Value.ForwardPassesPerGradient == 1 ? "" : "es")}/gradient)");
        string evidence = check == SanityCheck.StochasticWithoutEot
            ? $"model {(result.Report.Stochastic ? "stochastic" : "deterministic")}; {string.Join(", ", attacks)}"
            : $"cross-entropy input gradients of the first {Math.Min(64, result.Report.Samples)} test images";
        return Row(defence, name, evidence, [.. result.Report.Warnings.Where(w => w.Check == check)]);
    }

    private static SanityTableRow Row(string defence, string check, string evidence, IReadOnlyList<SanityWarning> warnings) =>
        new(defence, check, evidence, warnings.Count == 0 ? Passed : Warning, string.Join(" | ", warnings.Select(w => w.Message)));

    private static string Value(StrengthParameter parameter, double value) => parameter == StrengthParameter.Epsilon
        ? (value * 255).ToString("0.###", CultureInfo.InvariantCulture) + "/255"
        : value.ToString("G4", CultureInfo.InvariantCulture);

    // Sweeps of one defence share their label: the experiment name without its last segment (the sweep's name).
    private static string Defence(EvaluationResult r) => r.Experiment.Contains('/') ? r.Experiment[..r.Experiment.LastIndexOf('/')] : r.Experiment;
}
