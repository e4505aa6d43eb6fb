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
    IReadOnlyList<SanityWarning>? Warnings = null, int? SuccessDraws = null)
{
    /// <summary>What a table shows for a mean distance that is undefined because a repeat had no success to average.</summary>
    public const string NoDistance = "none (a repeat without successes)";

    /// <summary>A mean distance as "mean ± std", or <see cref="NoDistance"/> when it is undefined (NaN).</summary>
    public static string DistanceText(MeanStd distance) => double.IsNaN(distance.Mean) ? NoDistance : distance.ToString();
}
