using System.Globalization;
using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>The per-module table of notebook 10: statistics of the learned θ of every module, stem first.</summary>
public static class NoiseTable
{
    public static IReadOnlyList<NoiseTableRow> Rows(LearnedTheta theta)
    {
        ArgumentNullException.ThrowIfNull(theta);
        return [.. theta.Modules.Select(m => new NoiseTableRow(m.Label, string.Join("×", m.Shape), m.Values.Count,
            F4(m.Mean), F4(m.Std), F4(m.Min), F4(m.Max), (100 * m.FractionAtThetaMin).ToString("F1", CultureInfo.InvariantCulture) + " %"))];
    }

    private static string F4(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
