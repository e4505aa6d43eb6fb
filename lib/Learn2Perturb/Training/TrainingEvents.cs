namespace Learn2Perturb.Training;

/// <summary>
/// Reported after every iteration, without its loss: reading the loss would make the host wait for the device every
/// batch (the epoch's loss comes with <see cref="EpochEnded"/>).
/// </summary>
public sealed record BatchEnded(int Epoch, int Batch, int BatchesPerEpoch, double Seconds);

/// <summary>Reported after every epoch. Accuracy on the (augmented) training batches, in percent.</summary>
public sealed record EpochEnded(
    int Epoch, int Epochs, double Loss, double TrainAccuracy, double LearningRate, bool NoiseOn, bool Adversarial,
    IReadOnlyList<double> ThetaMeanPerModule, double Seconds);
