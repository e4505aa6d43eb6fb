namespace Learn2Perturb.Evaluation;

/// <summary>
/// A minimal attack's result over a test set (docs/method.md §5: C&amp;W "success rate / mean L2 distance", few-pixel
/// "success rate"), mean ± std over repeats. Success rate is in percent of the attempted images (all images for
/// C&amp;W, the correctly classified ones for few-pixel); the distance is averaged over the successes. A success is
/// decided by a majority of fresh noise draws (<see cref="SuccessDraws"/>); <see cref="Warnings"/> holds the sanity
/// checks that failed (absent in results stored before minimal attacks were checked).
/// </summary>
public sealed record MinimalAttackReport(string Attack, MeanStd SuccessRate, MeanStd MeanDistance, string DistanceMeasure,
    MeanStd Attempted, int Repeats, long Samples, int ForwardPassesPerGradient, double Seconds,
    IReadOnlyList<SanityWarning>? Warnings = null, int? SuccessDraws = null);
