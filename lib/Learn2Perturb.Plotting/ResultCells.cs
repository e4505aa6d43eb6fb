using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Reads the numbers a table or chart shows out of a stored <see cref="EvaluationResult"/>: the measured accuracy of an
/// attack kind at a budget, found through the result's own evaluation config (an attack's report key is its label,
/// which depends on steps and EOT draws, so it is looked up from the spec rather than spelled here).
/// </summary>
public static class ResultCells
{
    /// <summary>
    /// The budget the tables of <paramref name="result"/>'s profile compare at: the paper's 8/255 (docs/method.md §5), 0.1
    /// on the medium profile. A result stored under an unknown profile name is read at 8/255.
    /// </summary>
    public static double TableEpsilon(EvaluationResult result) =>
        ExperimentProfiles.Epsilon(Enum.TryParse<Profile>(result.Profile, ignoreCase: true, out var p) ? p : Profile.Quick);

    /// <summary>
    /// The measured accuracy of the first plain (white-box, no EOT) <paramref name="kind"/> attack at
    /// <paramref name="epsilon"/> (default: <see cref="TableEpsilon"/>), or null when the evaluation did not run one (e.g.
    /// a PGD sweep has no FGSM).
    /// </summary>
    public static MeanStd? Measured(EvaluationResult result, string kind, double? epsilon = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var budget = epsilon ?? TableEpsilon(result);
        var spec = result.Config.Attacks.FirstOrDefault(a => a.Kind == kind && a.EotSamples == 1 && a.Source is null && SameBudget(a.Epsilon, budget));
        return spec is not null && result.Report.Attacks.TryGetValue(spec.Name, out var measured) ? measured : null;
    }

    /// <summary>
    /// The measured accuracy of the first white-box <paramref name="kind"/> attack with EOT (more than one noise draw per
    /// gradient) at the table budget, or null when the evaluation ran none.
    /// </summary>
    public static MeanStd? MeasuredWithEot(EvaluationResult result, string kind)
    {
        ArgumentNullException.ThrowIfNull(result);
        var budget = TableEpsilon(result);
        var spec = result.Config.Attacks.FirstOrDefault(a => a.Kind == kind && a.EotSamples > 1 && a.Source is null && SameBudget(a.Epsilon, budget));
        return spec is not null && result.Report.Attacks.TryGetValue(spec.Name, out var measured) ? measured : null;
    }

    /// <summary>
    /// Every (ε, accuracy) point of the plain (white-box, no EOT) <paramref name="kind"/> attacks in the result, by
    /// increasing ε, with ε in units of 1/255 as the paper's figures plot it.
    /// </summary>
    public static IReadOnlyList<(double Epsilon255, MeanStd Accuracy)> Sweep(EvaluationResult result, string kind)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Config.Attacks
            .Where(a => a.Kind == kind && a.EotSamples == 1 && a.Source is null && result.Report.Attacks.ContainsKey(a.Name))
            .OrderBy(a => a.Epsilon)
            .Select(a => (Math.Round(a.Epsilon * 255, 3), result.Report.Attacks[a.Name]))];
    }

    /// <summary>The row label of a result: "model / defence", or the defence alone when every row has the same model.</summary>
    public static string Label(EvaluationResult result, bool withModel) => withModel ? $"{result.Model} / {result.Defense}" : result.Defense;

    /// <summary>Whether the results span more than one trained architecture (then labels name the model).</summary>
    public static bool SeveralModels(IReadOnlyList<EvaluationResult> results) => results.Select(r => r.Model).Distinct().Count() > 1;

    // ε are stored as fractions (8/255 = 0.0313…): compare in units of 1/255, where budgets are whole or simple numbers.
    private static bool SameBudget(double a, double b) => Math.Abs(a * 255 - b * 255) < 1e-6;
}
