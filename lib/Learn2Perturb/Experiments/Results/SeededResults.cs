using Learn2Perturb.Evaluation;

namespace Learn2Perturb.Experiments;

/// <summary>
/// One experiment's results under seeds 0 … n−1 (<see cref="Seeds"/>), in seed order: every measure as the mean over
/// seeds with its 95 % t interval (<see cref="Interval"/>), and the paired difference to a baseline experiment run with
/// the same seeds. A seed's value is its report's mean over repeats.
/// </summary>
public sealed record SeededResults(string Experiment, IReadOnlyList<EvaluationResult> Seeds)
{
    /// <exception cref="ArgumentException">No results.</exception>
    public static SeededResults Of(string experiment, IReadOnlyList<EvaluationResult> seeds) =>
        seeds is { Count: > 0 } ? new SeededResults(experiment, seeds) : throw new ArgumentException($"'{experiment}' has no results", nameof(seeds));

    public EvaluationResult First => Seeds[0];

    public string Model => First.Model;

    public string Defense => First.Defense;

    public PaperNumbers? Reported => First.Reported;

    /// <summary>The measure <paramref name="pick"/> reads across seeds, or null when a seed's result lacks it.</summary>
    public Interval? Measure(Func<EvaluationResult, double?> pick)
    {
        var values = Seeds.Select(pick).ToList();
        return values.All(v => v is not null) ? Interval.Of([.. values.Select(v => v!.Value)]) : null;
    }

    /// <summary>
    /// This experiment minus <paramref name="baseline"/> on the measure <paramref name="pick"/> reads, seed by seed, with
    /// the t interval of the differences; null when either side lacks the measure for a seed.
    /// </summary>
    /// <exception cref="ArgumentException">The two were not run with the same seeds (counts or evaluation seeds differ).</exception>
    public Interval? DifferenceTo(SeededResults baseline, Func<EvaluationResult, double?> pick)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (baseline.Seeds.Count != Seeds.Count || baseline.Seeds.Zip(Seeds).Any(p => p.First.Config.Seed - baseline.First.Config.Seed != p.Second.Config.Seed - First.Config.Seed))
            throw new ArgumentException($"'{Experiment}' ({Seeds.Count} seeds) and '{baseline.Experiment}' ({baseline.Seeds.Count} seeds) were not run with the same seeds: " +
                                        "a paired difference needs the same seeds on both sides", nameof(baseline));
        var mine = Seeds.Select(pick).ToList();
        var theirs = baseline.Seeds.Select(pick).ToList();
        return mine.Concat(theirs).All(v => v is not null)
            ? Interval.OfDifferences([.. mine.Select(v => v!.Value)], [.. theirs.Select(v => v!.Value)])
            : null;
    }
}
