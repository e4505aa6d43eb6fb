using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>What <see cref="ExperimentRunner.Train"/> did.</summary>
/// <param name="StartEpoch">The epoch training started from: 0 for a fresh run, k when resumed from a checkpoint after epoch k−1.</param>
/// <param name="AlreadyComplete">The stored checkpoint had finished every epoch: nothing was trained.</param>
/// <param name="History">The epochs run by this call.</param>
public sealed record TrainOutcome(string Experiment, string RunId, string RunDirectory, int StartEpoch, int Epochs,
    bool AlreadyComplete, IReadOnlyList<EpochEnded> History, double Seconds);
