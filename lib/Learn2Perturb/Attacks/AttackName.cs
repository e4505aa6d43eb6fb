using System.Globalization;

namespace Learn2Perturb.Attacks;

/// <summary>
/// The one name of a budget attack: what reports, tables, warnings and an experiment's attack list call it.
/// <c>kind[-l2][-steps][-rR][-eotK][-batch]@budget</c>, the budget as a fraction of 255 for L∞ and as the radius for L2:
/// <c>fgsm@8/255</c>, <c>pgd-7@8/255</c>, <c>pgd-7-r5-eot20@25.5/255</c>, <c>apgd-ce-100-eot20@8/255</c>,
/// <c>fgsm-eot4-batch@8/255</c> (the K draws as one batch), <c>pgd-l2-7@0.5</c>; a transfer attack appends
/// <c>from SOURCE</c>. Stored results are keyed by it, so the format is part of every stored result's meaning.
/// </summary>
public static class AttackName
{
    /// <param name="steps">Shown for iterative attacks; null for FGSM.</param>
    public static string Of(string kind, ThreatModel threat, int? steps = null, int restarts = 1, int eotSamples = 1, bool inOneBatch = false)
    {
        ArgumentNullException.ThrowIfNull(threat);
        var norm = threat.Norm == Norm.L2 ? "-l2" : "";
        var stepsPart = steps is { } n ? $"-{n}" : "";
        var restartsPart = restarts > 1 ? $"-r{restarts}" : "";
        var eot = eotSamples > 1 ? $"-eot{eotSamples}" : "";
        var batch = inOneBatch ? "-batch" : "";
        return $"{kind}{norm}{stepsPart}{restartsPart}{eot}{batch}@{Budget(threat)}";
    }

    /// <summary>"8/255" for L∞ ε = 8/255, "0.5" for an L2 radius of 0.5.</summary>
    public static string Budget(ThreatModel threat) => threat.Norm == Norm.L2
        ? threat.Epsilon.ToString("0.###", CultureInfo.InvariantCulture)
        : (threat.Epsilon * 255).ToString("0.###", CultureInfo.InvariantCulture) + "/255";
}
