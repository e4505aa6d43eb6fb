using Learn2Perturb.Evaluation;

namespace Learn2Perturb.Experiments;

/// <summary>One trained defence's robustness (accuracies in percent).</summary>
public sealed record QuickstartRow(string Defense, string Model, MeanStd Clean, MeanStd Fgsm, MeanStd Pgd, int Repeats,
    double TrainSeconds, double EvalSeconds, string Resampled)
{
    /// <summary>The sanity checks that failed for this row's evaluation (docs/method.md §7), carried as the evaluator found them.</summary>
    public IReadOnlyList<SanityWarning> Warnings { get; init; } = [];
}

/// <summary>The result of <see cref="Quickstart.Run"/>: one row per defence and the learned mean θ per layer (stem first).</summary>
public sealed record QuickstartReport(string Profile, string Dataset, int TrainImages, int TestImages, int Epochs,
    IReadOnlyList<QuickstartRow> Rows, IReadOnlyList<double> ThetaMeanPerLayer, double Seconds);
