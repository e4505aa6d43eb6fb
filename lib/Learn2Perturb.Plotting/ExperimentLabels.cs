using Learn2Perturb.Experiments;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Short labels for a list of stored results: the segments of their experiment names that differ between them
/// (<c>adaptive/resnet-v1-20/l2p/steps</c> and <c>…/vanilla/steps</c> → <c>l2p</c>, <c>vanilla</c>), so a chart
/// of one group's sweeps names each line by what distinguishes it rather than by the whole path.
/// </summary>
public static class ExperimentLabels
{
    /// <summary>One label per result, in order; a single result (or identical names) is labelled by its defence.</summary>
    public static IReadOnlyList<string> Distinguishing(IReadOnlyList<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var parts = results.Select(r => r.Experiment.Split('/')).ToList();
        int depth = parts.Count == 0 ? 0 : parts.Max(p => p.Length);
        var differing = Enumerable.Range(0, depth)
            .Where(i => parts.Select(p => i < p.Length ? p[i] : "").Distinct().Count() > 1)
            .ToList();
        return differing.Count == 0
            ? [.. results.Select(r => r.Defense)]
            : [.. parts.Select(p => string.Join("/", differing.Where(i => i < p.Length).Select(i => p[i])))];
    }
}
