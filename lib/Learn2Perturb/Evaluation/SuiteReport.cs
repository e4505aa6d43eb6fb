namespace Learn2Perturb.Evaluation;

/// <summary>Robust accuracy in percent after one attack of a suite and all the attacks before it.</summary>
public sealed record SuiteStepAccuracy(string Attack, MeanStd AccuracyAfter);

/// <summary>
/// An attack suite over a test set (STYLE.md §1.5), accuracies in percent as mean ± std over repeats: clean, after each
/// attack (run on the survivors of the ones before it), and the worst case over all. <see cref="Warnings"/> holds the
/// sanity checks that failed.
/// </summary>
public sealed record SuiteReport(MeanStd Clean, IReadOnlyList<SuiteStepAccuracy> Steps, MeanStd WorstCase,
    int Repeats, long Samples, string Resampled, double Seconds)
{
    public IReadOnlyList<SanityWarning> Warnings { get; init; } = [];
}
