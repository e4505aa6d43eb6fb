namespace Learn2Perturb.Evaluation;

/// <summary>
/// Clean and per-attack accuracy (percent) of one model, mean ± std over repeated stochastic evaluations, with how the
/// numbers were obtained: what was re-sampled between repeats and how many forward passes one prediction used.
/// </summary>
public sealed record RobustnessReport(
    MeanStd Clean,
    IReadOnlyDictionary<string, MeanStd> Attacks,
    int Repeats,
    long Samples,
    bool Stochastic,
    string Resampled,
    int ForwardPassesPerPrediction,
    double Seconds);
