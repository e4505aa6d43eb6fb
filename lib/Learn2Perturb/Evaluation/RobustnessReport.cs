using Learn2Perturb.Attacks;

namespace Learn2Perturb.Evaluation;

/// <summary>
/// Clean and per-attack accuracy (percent) of one model, mean ± std over repeated stochastic evaluations, with how the
/// numbers were obtained (docs/method.md §5): what was re-sampled between repeats, how many forward passes one prediction
/// used and, per attack, how many one gradient used (<see cref="AttackDescriptions"/>), and the sanity checks that
/// failed (<see cref="Warnings"/>), which travel with the report wherever it goes.
/// </summary>
public sealed record RobustnessReport(
    MeanStd Clean,
    IReadOnlyDictionary<string, MeanStd> Attacks,
    int Repeats,
    long Samples,
    bool Stochastic,
    string Resampled,
    int ForwardPassesPerPrediction,
    double Seconds)
{
    /// <summary>Per attack name: forward passes per gradient, random start, white or black box.</summary>
    public IReadOnlyDictionary<string, AttackDescription> AttackDescriptions { get; init; } = new Dictionary<string, AttackDescription>();

    /// <summary>Per attack name: seconds spent crafting and classifying its examples, over all repeats.</summary>
    public IReadOnlyDictionary<string, double> AttackSeconds { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Percent of images classified correctly clean and under every attack of the evaluation, in the same repeat (the
    /// per-image worst case, AutoAttack's robust accuracy), mean ± std over repeats. The headline number: a per-attack
    /// column counts an image the clean pass got wrong as robust when its adversarial example happens to be right.
    /// Null in results stored before it was measured.
    /// </summary>
    public MeanStd? WorstCase { get; init; }

    /// <summary>Every sanity check that failed for this result, in the order found.</summary>
    public IReadOnlyList<SanityWarning> Warnings { get; init; } = [];

    /// <summary>A copy with <paramref name="more"/> appended to <see cref="Warnings"/> (never replacing them).</summary>
    public RobustnessReport WithWarnings(IEnumerable<SanityWarning> more) => this with { Warnings = [.. Warnings, .. more] };
}
