using Learn2Perturb.Models;

namespace Learn2Perturb.Experiments;

/// <summary>
/// The model a transfer attack crafts its adversarial examples on (docs/method.md §5, "transfer (black box)"): a separately
/// trained model, identified by its training config, whose hash is its run id in the same run store as the target, so
/// <see cref="ExperimentRunner"/> trains it once and every target reuses it. <see cref="Name"/> is what result labels
/// show (e.g. <c>none-seed1</c>: the undefended network trained from another seed).
/// </summary>
/// <param name="Name">A short label for tables and result keys; it does not identify the model, <paramref name="Training"/> does.</param>
public sealed record TransferSource(string Name, TrainingConfig Training)
{
    /// <exception cref="ArgumentException">No name, no training config, or an invalid one (<see cref="TrainingConfig.ResolveDefense"/>).</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("a transfer source needs a name (it labels the results)", nameof(Name));
        if (Training is null) throw new ArgumentException($"transfer source '{Name}' has no training config: it must say how its model is trained", nameof(Training));
        Training.ResolveDefense();
    }
}
