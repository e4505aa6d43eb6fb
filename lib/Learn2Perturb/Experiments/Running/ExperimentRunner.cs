using System.Diagnostics;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Runs;
using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>
/// Trains and evaluates named experiments through the run store: training resumes from the run's last
/// checkpoint, and an evaluation whose result is stored is read back instead of recomputed.
/// </summary>
public sealed class ExperimentRunner(RunStore store)
{
    public RunStore Store { get; } = store;

    /// <summary>
    /// The command a person runs to train an experiment, named in "not trained" errors. The default,
    /// <c>l2p train NAME --profile PROFILE</c>, trains a catalogue experiment in the default store; a caller that
    /// evaluates a config file or another store says how it was invoked.
    /// </summary>
    public Func<ExperimentConfig, string> TrainCommand { get; init; } = c => $"l2p train {c.Name} --profile {c.Profile.ToName()}";

    /// <summary>Raised before training starts or resumes, so a caller can follow the trainer's events.</summary>
    public event Action<ExperimentConfig, Trainer>? TrainingStarted;

    /// <summary>Something the caller should tell a person, e.g. a resume at another thread count than the run's.</summary>
    public event Action<string>? Warning;

    /// <summary>Raised before an evaluation is computed (not when a stored one is reused).</summary>
    public event Action<ExperimentConfig>? EvaluationStarted;

    /// <summary>
    /// Trains the experiment's model, and first the source models its transfer attacks are crafted on (each its own run,
    /// shared by every experiment that names it); the outcome is the experiment's own model's.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid training config (<see cref="TrainingConfig.ResolveDefense"/>).</exception>
    /// <exception cref="RunFileException">A stored manifest or checkpoint is corrupt; it is left untouched.</exception>
    /// <exception cref="TrainingDivergedException">Training diverges now (the run is marked diverged in its manifest and
    /// keeps the last finite epoch's checkpoint), or did before.</exception>
    public TrainOutcome Train(ExperimentConfig config, CancellationToken cancel = default)
    {
        foreach (var source in TransferModels.Experiments(config)) Train(source, cancel);
        var clock = Stopwatch.StartNew();
        var t = config.Training;
        var defense = t.ResolveDefense();
        var device = Compute.Device;
        var run = Store.OpenOrCreate(t, config.Name, config.Profile.ToName(), t.Options.Seed, device.ToString());
        using var trainLock = run.LockForTraining();
        if (run.Manifest.Diverged is { } diverged)
            throw Diverged(run, config, diverged, $"delete {run.Directory} to train it again, or lower the learning rate (another config is another run)");
        var checkpoint = StoredCheckpoint.Read(run);
        int start = checkpoint?.State.NextEpoch ?? 0;
        if (start >= t.Options.Epochs)
            return new TrainOutcome(config.Name, run.Id, run.Directory, start, t.Options.Epochs, true, [], clock.Elapsed.TotalSeconds);
        using var train = ExperimentData.Load(t.Dataset, DataSplit.Train, t.TrainImages, device);
        using var model = t.BuildModel(defense, device);
        checkpoint?.LoadWeights(model, run.CheckpointPath);
        run.TrimMetrics(start); // epochs logged after the checkpoint are run again
        if (start > 0) RecordResumeThreads(run);
        using var trainer = defense.CreateTrainer(model, t.Options);
        // Metrics first, then the checkpoint: a kill between the two re-runs that epoch and TrimMetrics drops its line.
        trainer.EpochEnded += run.AppendMetrics;
        trainer.CheckpointDue += state => run.WriteCheckpoint(StoredCheckpoint.Sections(model, state));
        TrainingStarted?.Invoke(config, trainer);
        IReadOnlyList<EpochEnded> history;
        try
        {
            history = trainer.FitFrom(train, checkpoint?.State, cancel);
        }
        catch (TrainingDivergedException e)
        {
            var divergence = new Divergence(e.Epoch, e.Batch, e.Problem);
            run.UpdateManifest(m => m with { Diverged = divergence });
            throw Diverged(run, config, divergence, e.Epoch == 0 ? "no epoch finished, so there is no checkpoint"
                : $"kept the checkpoint after epoch {e.Epoch}, the last finite one; lower the learning rate (another config is another run)");
        }
        return new TrainOutcome(config.Name, run.Id, run.Directory, start, t.Options.Epochs, false, history, clock.Elapsed.TotalSeconds);
    }

    private static TrainingDivergedException Diverged(Run run, ExperimentConfig config, Divergence d, string advice) =>
        new(d.Epoch, d.Batch, d.Problem, $"run {run.Id} ('{config.Name}', {config.Profile.ToName()})", advice);

    /// <summary>
    /// A resume at another thread count than the run was created with continues a different computation (CPU sums
    /// in another order), so it is recorded in the manifest and reported, not silently mixed in.
    /// </summary>
    private void RecordResumeThreads(Run run)
    {
        int threads = TorchSharp.torch.get_num_threads();
        if (run.Manifest.Threads is not { } created || created == threads) return;
        run.UpdateManifest(m => m with { ResumedThreads = [.. m.ResumedThreads ?? [], threads] });
        Warning?.Invoke($"run {run.Id} was created at {created} threads and resumes at {threads}: it will not be bit-identical to a run " +
                        $"trained at one count (recorded in {run.ManifestPath}); pass --threads {created} or set L2P_THREADS={created} to match");
    }

    /// <summary>
    /// The experiment's evaluation: read back from the run when stored (unless <paramref name="force"/>), otherwise
    /// computed on the final checkpoint's model and stored.
    /// </summary>
    /// <exception cref="InvalidOperationException">The experiment, or a transfer attack's source model, has not been trained to its last epoch.</exception>
    /// <exception cref="TrainingDivergedException">The experiment's training diverged: it has no model to evaluate.</exception>
    public EvaluationOutcome Evaluate(ExperimentConfig config, bool force = false, CancellationToken cancel = default)
    {
        var t = config.Training;
        var defense = t.ResolveDefense();
        config.Evaluation.Validate();
        var run = Store.Find(t) ?? throw new InvalidOperationException(
            $"experiment '{config.Name}' ({config.Profile.ToName()}) has not been trained: run `{TrainCommand(config)}` first");
        if (run.Manifest.Diverged is { } diverged)
            throw Diverged(run, config, diverged, "it has no trained model, so no accuracy is reported");
        var key = "eval-" + ConfigHash.Of(config.Evaluation);
        // Cells that train the same model with the same evaluation share one stored result (Table 1's and Table 2's
        // L2P V1(20)): the measurements are the same, the cell's name and paper numbers are the caller's.
        if (!force && run.TryReadResult<EvaluationResult>(key, out var stored))
            return new EvaluationOutcome(stored with { Experiment = config.Name, Reported = config.Reported }, true, run.ResultPath(key));
        var checkpoint = StoredCheckpoint.Read(run);
        if (checkpoint is null || checkpoint.State.NextEpoch < t.Options.Epochs)
            throw new InvalidOperationException($"run {run.Id} of '{config.Name}' has trained {checkpoint?.State.NextEpoch ?? 0} of {t.Options.Epochs} epochs: " +
                                                $"run `{TrainCommand(config)}` to finish it");
        EvaluationStarted?.Invoke(config);
        var device = Compute.Device;
        using var test = ExperimentData.Load(t.Dataset, DataSplit.Test, config.Evaluation.TestImages, device);
        using var model = t.BuildModel(defense, device);
        checkpoint.LoadWeights(model, run.CheckpointPath);
        model.eval();
        using var sources = TransferModels.Load(Store, config, device); // before seeding: building a model reseeds
        var attacks = sources.Create(config.Evaluation.Attacks);
        // The defence's test-time noise, or the evaluation's override (docs/method.md §7 ablation "test-time noise off").
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

    /// <summary>
    /// <see cref="TrainAndEvaluate(ExperimentConfig, CancellationToken)"/> for seeds 0 … <paramref name="seeds"/> − 1
    /// (<see cref="Experiments.Seeds"/>), each its own run; the results under the experiment's own name.
    /// </summary>
    public SeededResults TrainAndEvaluate(ExperimentConfig config, int seeds, CancellationToken cancel = default) =>
        SeededResults.Of(config.Name, [.. Seeds.Of(config, seeds).Select(c => TrainAndEvaluate(c, cancel).Result)]);
}
