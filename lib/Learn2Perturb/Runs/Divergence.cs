namespace Learn2Perturb.Runs;

/// <summary>Where a run's training diverged (a non-finite loss or parameter), as recorded in its manifest.</summary>
/// <param name="Epoch">The epoch, counted from 0 as in <c>metrics.jsonl</c>.</param>
/// <param name="Batch">The batch within the epoch, counted from 0.</param>
/// <param name="Problem">What was not finite, e.g. "the loss is NaN".</param>
public sealed record Divergence(int Epoch, int Batch, string Problem)
{
    public override string ToString() => $"diverged at epoch {Epoch + 1}, batch {Batch + 1}: {Problem}";
}
