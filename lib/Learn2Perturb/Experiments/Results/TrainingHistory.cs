using Learn2Perturb.Runs;
using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>
/// A trained experiment's epochs as the trainer reported them (<see cref="EpochEnded"/>, one line of the run's
/// <c>metrics.jsonl</c> each): loss, accuracy, learning rate and the mean θ of every perturbation-injection module, so
/// notebooks can follow how the learned noise evolved (docs/method.md §7 "Learned noise") without training anything again.
/// </summary>
public static class TrainingHistory
{
    /// <summary>Every logged epoch of <paramref name="run"/>, in order.</summary>
    /// <exception cref="RunFileException">A line is not JSON or not an epoch record; the message names the file.</exception>
    public static IReadOnlyList<EpochEnded> Read(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.ReadMetrics().Select((line, i) =>
        {
            try { return RunJson.Deserialize<EpochEnded>(line.GetRawText()); }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
            {
                throw new RunFileException(run.MetricsPath, $"line {i + 1} is not an epoch record ({e.Message})", e);
            }
        })];
    }

    /// <summary>The logged epochs of the run that trained <paramref name="config"/>.</summary>
    /// <exception cref="InvalidOperationException">The experiment has never been trained in <paramref name="store"/>.</exception>
    public static IReadOnlyList<EpochEnded> Of(RunStore store, ExperimentConfig config) => Read(TrainedRun(store, config));

    /// <summary>The run of <paramref name="config"/>'s training config, which must exist.</summary>
    internal static Run TrainedRun(RunStore store, ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(config);
        return store.Find(config.Training) ?? throw new InvalidOperationException(
            $"experiment '{config.Name}' ({config.Profile.ToName()}) has not been trained in {store.Root}: run `l2p train {config.Name} --profile {config.Profile.ToName()}` first");
    }

    /// <summary>
    /// The mean θ of an epoch: the average of its modules' means, each module weighing the same whatever its size;
    /// null when the model has no θ modules.
    /// </summary>
    public static double? MeanTheta(EpochEnded epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        return epoch.ThetaMeanPerModule.Count > 0 ? epoch.ThetaMeanPerModule.Average() : null;
    }
}
