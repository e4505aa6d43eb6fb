using Learn2Perturb.Attacks;
using Learn2Perturb.Models;
using Learn2Perturb.Runs;
using static TorchSharp.torch;

namespace Learn2Perturb.Experiments;

/// <summary>
/// The trained source models of an evaluation's transfer attacks (docs/method.md §5), loaded from the same run store as the
/// target, in eval mode with their defence's test-time noise, for as long as the evaluation runs. Each source is found
/// by its training config's hash, so the five defences of a black-box table share one trained source.
/// </summary>
internal sealed class TransferModels : IDisposable
{
    private readonly Dictionary<string, nn.Module<Tensor, Tensor>> models = [];
    private readonly List<IDisposable> owned = [];

    private TransferModels()
    {
    }

    /// <summary>
    /// The training jobs of <paramref name="config"/>'s transfer sources, one per distinct source, named
    /// <c>transfer-source/&lt;name&gt;</c> in the run store. Their evaluation keeps only the white-box attacks: a source has
    /// no source of its own (and training reads only the training config).
    /// </summary>
    public static IEnumerable<ExperimentConfig> Experiments(ExperimentConfig config) =>
        Sources(config).Select(s => config with
        {
            Name = $"transfer-source/{s.Name}",
            Model = s.Training.Model,
            Training = s.Training,
            Reported = null,
            Evaluation = config.Evaluation with { Attacks = [.. config.Evaluation.Attacks.Where(a => a.Source is null)] },
        });

    /// <summary>Loads every source of <paramref name="config"/>'s transfer attacks onto <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">A source trained on another data set than the target (other input shape or classes).</exception>
    /// <exception cref="InvalidOperationException">A source that has not been trained to its last epoch: the message names it.</exception>
    public static TransferModels Load(RunStore store, ExperimentConfig config, Device device)
    {
        var loaded = new TransferModels();
        try
        {
            foreach (var source in Sources(config)) loaded.Add(store, config, source, device);
            return loaded;
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <summary>The evaluation's attacks: white-box ones on the target, transfer ones crafted on their loaded source.</summary>
    public IReadOnlyList<IAttack> Create(IEnumerable<AttackSpec> specs) =>
        [.. specs.Select(a => a.Source is null ? a.Create() : a.Create(models[ConfigHash.Of(a.Source.Training)]))];

    public void Dispose()
    {
        for (int i = owned.Count - 1; i >= 0; i--) owned[i].Dispose();
        owned.Clear();
        models.Clear();
    }

    private static IEnumerable<TransferSource> Sources(ExperimentConfig config) =>
        config.Evaluation.Attacks.Select(a => a.Source).OfType<TransferSource>().DistinctBy(s => ConfigHash.Of(s.Training));

    private void Add(RunStore store, ExperimentConfig config, TransferSource source, Device device)
    {
        var t = source.Training;
        if (t.Dataset != config.Training.Dataset)
            throw new ArgumentException($"transfer source '{source.Name}' was trained on {t.Dataset} but '{config.Name}' evaluates on {config.Training.Dataset}: " +
                                        "a transfer attack needs a source with the target's inputs and classes", nameof(config));
        var defense = t.ResolveDefense();
        string train = $"run `l2p train {config.Name} --profile {config.Profile.ToName()}`, which trains the sources of its transfer attacks too";
        var run = store.Find(t) ?? throw new InvalidOperationException(
            $"transfer source '{source.Name}' of '{config.Name}' ({t.Model}, {t.Defense}, seed {t.Options.Seed}) has not been trained: {train}");
        var checkpoint = StoredCheckpoint.Read(run);
        if (checkpoint is null || checkpoint.State.NextEpoch < t.Options.Epochs)
            throw new InvalidOperationException($"transfer source '{source.Name}' (run {run.Id}) has trained {checkpoint?.State.NextEpoch ?? 0} of {t.Options.Epochs} epochs: {train}");
        ResNet model = t.BuildModel(defense, device);
        owned.Add(model);
        checkpoint.LoadWeights(model, run.CheckpointPath);
        model.eval();
        owned.Add(defense.EvaluationNoise(model));
        models[ConfigHash.Of(t)] = model;
    }
}
