namespace Learn2Perturb.Cluster;

/// <summary>Where one planned experiment stands.</summary>
/// <param name="State">pending, training, trained, evaluating, evaluated or failed.</param>
/// <param name="Detail">"epoch k of n" while training; what failed and how (exit code or Slurm's state) when failed.</param>
/// <param name="Task">The Slurm array task that works on it now (<c>123_4</c>), when submitted.</param>
/// <param name="LogTail">The failed task's last log lines.</param>
public sealed record ExperimentStatus(string Experiment, string State, string RunId, int EpochsLogged, int Epochs, string? Detail, string? Task,
    IReadOnlyList<string> LogTail);
