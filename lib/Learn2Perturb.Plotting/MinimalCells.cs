using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Reads the minimal attacks (C&amp;W, few-pixel) out of a stored <see cref="EvaluationResult"/>: each report beside
/// the spec that produced it (the runner stores them in the config's order), so a table or chart finds κ or the pixel
/// count from the spec instead of parsing report names.
/// </summary>
public static class MinimalCells
{
    /// <summary>Each minimal attack's spec with its report, in the config's order; empty when the evaluation ran none.</summary>
    /// <exception cref="ArgumentException">The result holds a different number of reports than its config lists.</exception>
    public static IReadOnlyList<(MinimalAttackSpec Spec, MinimalAttackReport Report)> Pairs(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var specs = result.Config.Minimal ?? [];
        var reports = result.MinimalReports ?? [];
        if (specs.Count != reports.Count)
            throw new ArgumentException($"result '{result.Experiment}' lists {specs.Count} minimal attacks but holds {reports.Count} reports", nameof(result));
        return [.. specs.Zip(reports)];
    }
}
