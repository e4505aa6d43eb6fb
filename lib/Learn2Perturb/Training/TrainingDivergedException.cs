namespace Learn2Perturb.Training;

/// <summary>
/// Training met a non-finite loss or parameter (too high a learning rate, typically): continuing would store and
/// evaluate a model of NaNs as if nothing happened, so the trainer stops at the batch where it appeared.
/// </summary>
public sealed class TrainingDivergedException(int epoch, int batch, string problem, string subject = "training", string? advice = null)
    : InvalidOperationException($"{subject} diverged at epoch {epoch + 1}, batch {batch + 1}: {problem}" + (advice is null ? "" : $"; {advice}"))
{
    /// <summary>The epoch, counted from 0.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The batch within the epoch, counted from 0.</summary>
    public int Batch { get; } = batch;

    /// <summary>What was not finite, e.g. "the loss is NaN".</summary>
    public string Problem { get; } = problem;
}
