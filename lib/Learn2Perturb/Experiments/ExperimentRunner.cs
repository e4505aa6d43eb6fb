using System.Diagnostics;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Runs;
using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>
/// Trains and evaluates named experiments through the run store (issue 3 §4): training resumes from the run's last
/// checkpoint, and an evaluation whose result is stored is read back instead of recomputed.
/// </summary>
public sealed class ExperimentRunner(RunStore store)
{
    public RunStore Store { get; } = store;

    /// <summary>Raised before training starts or resumes, so a caller can follow the trainer's events.</summary>
    public event Action<ExperimentConfig, Trainer>? TrainingStarted;

    /// <summary>Raised before an evaluation is computed (not when a stored one is reused).</summary>
    public event Action<ExperimentConfig>? EvaluationStarted;

    /// <summary>
    /// Trains the experiment's model, and first the source models its transfer attacks are crafted on (each its own run,
    /// shared by every experiment that names it); the outcome is the experiment's own model's.
    /// </summary>
    /// <exception cref="NotAvailableException">The experiment's defence is not built yet.</exception>
    /// <exception cref="RunFileException">A stored manifest or checkpoint is corrupt; it is left untouched.</exception>
    public TrainOutcome Train(ExperimentConfig config, CancellationToken cancel = default)
    {
        foreach (var source in TransferModels.Experiments(config)) Train(source, cancel);
        var clock = Stopwatch.StartNew();
        var t = config.Training;
        ExperimentDefenses.Resolve(t);
        t.Options.Validate();
        var device = Compute.Device;
        var run = Store.OpenOrCreate(t, config.Name, config.Profile.ToName(), t.Options.Seed, device.ToString());
        using var trainLock = run.LockForTraining();
        var checkpoint = StoredCheckpoint.Read(run);
        int start = checkpoint?.State.NextEpoch ?? 0;
        if (start >= t.Options.Epochs)
            return new TrainOutcome(config.Name, run.Id, run.Directory, start, t.Options.Epochs, true, [], clock.Elapsed.TotalSeconds);
        using var train = ExperimentData.Load(t.Dataset, DataSplit.Train, t.TrainImages, device);
        using var model = ExperimentDefenses.Build(t, device);
        checkpoint?.LoadWeights(model, run.CheckpointPath);
        run.TrimMetrics(start); // epochs logged after the checkpoint are run again
        using var trainer = ExperimentDefenses.CreateTrainer(model, t);
        // Metrics first, then the checkpoint: a kill between the two re-runs that epoch and TrimMetrics drops its line.
        trainer.EpochEnded += run.AppendMetrics;
        trainer.CheckpointDue += state => run.WriteCheckpoint(StoredCheckpoint.Sections(model, state));
        TrainingStarted?.Invoke(config, trainer);
        var history = trainer.FitFrom(train, checkpoint?.State, cancel);
        return new TrainOutcome(config.Name, run.Id, run.Directory, start, t.Options.Epochs, false, history, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The experiment's evaluation: read back from the run when stored (unless <paramref name="force"/>), otherwise
    /// computed on the final checkpoint's model and stored.
    /// </summary>
    /// <exception cref="InvalidOperationException">The experiment, or a transfer attack's source model, has not been trained to its last epoch.</exception>
    public EvaluationOutcome Evaluate(ExperimentConfig config, bool force = false, CancellationToken cancel = default)
    {
        var t = config.Training;
        var defense = ExperimentDefenses.Resolve(t);
        config.Evaluation.Validate();
        foreach (var a in config.Evaluation.Attacks) a.Validate();
        var run = Store.Find(t) ?? throw new InvalidOperationException(
            $"experiment '{config.Name}' ({config.Profile.ToName()}) has not been trained: run `l2p train {config.Name} --profile {config.Profile.ToName()}` first");
        var key = "eval-" + ConfigHash.Of(config.Evaluation);
        // Cells that train the same model with the same evaluation share one stored result (Table 1's and Table 2's
        // L2P V1(20)): the measurements are the same, the cell's name and paper numbers are the caller's.
        if (!force && run.TryReadResult<EvaluationResult>(key, out var stored))
            return new EvaluationOutcome(stored with { Experiment = config.Name, Reported = config.Reported }, true, run.ResultPath(key));
        var checkpoint = StoredCheckpoint.Read(run);
        if (checkpoint is null || checkpoint.State.NextEpoch < t.Options.Epochs)
            throw new InvalidOperationException($"run {run.Id} of '{config.Name}' has trained {checkpoint?.State.NextEpoch ?? 0} of {t.Options.Epochs} epochs: " +
                                                $"run `l2p train {config.Name} --profile {config.Profile.ToName()}` to finish it");
        EvaluationStarted?.Invoke(config);
        var device = Compute.Device;
        using var test = ExperimentData.Load(t.Dataset, DataSplit.Test, config.Evaluation.TestImages, device);
        using var model = ExperimentDefenses.Build(t, device);
        checkpoint.LoadWeights(model, run.CheckpointPath);
        model.eval();
        using var sources = TransferModels.Load(Store, config, device); // before seeding: building a model reseeds
        var attacks = sources.Create(config.Evaluation.Attacks);
        // The defence's test-time noise, or the evaluation's override (PAPER.md §7 ablation "test-time noise off").
        using var noise = (config.Evaluation.TestTimeNoise is { } mode ? defense with { TestTimeNoise = mode } : defense).EvaluationNoise(model);
        Compute.Seed(config.Evaluation.Seed);
        var report = RobustnessEvaluator.Evaluate(model, test, attacks, config.Evaluation.Repeats, config.Evaluation.BatchSize, cancel);
        var specs = config.Evaluation.Minimal ?? [];
        // One load of the test split for every minimal attack (a κ or pixel sweep lists several), each on its first N images.
        using var minimalImages = specs.Count == 0 ? null : ExperimentData.Load(t.Dataset, DataSplit.Test, specs.Max(m => m.Images), device);
        var minimal = specs.Select(m =>
        {
            using var images = minimalImages!.Take(m.Images);
            return MinimalAttackEvaluator.Evaluate(model, images, m.Create(), m.Repeats, config.Evaluation.BatchSize, cancel);
        }).ToList();
        var result = new EvaluationResult(config.Name, config.Profile.ToName(), run.Id, t.Model, t.Defense, config.Evaluation, report,
            config.Reported, device.ToString(), DateTimeOffset.UtcNow, minimal);
        run.WriteResult(key, result);
        return new EvaluationOutcome(result, false, run.ResultPath(key));
    }

    /// <summary>
    /// A notebook's one call per experiment: trains what is missing (resuming a stopped run; nothing when finished),
    /// then evaluates or reuses the stored result.
    /// </summary>
    public EvaluationOutcome TrainAndEvaluate(ExperimentConfig config, CancellationToken cancel = default)
    {
        Train(config, cancel);
        return Evaluate(config, force: false, cancel);
    }
}
