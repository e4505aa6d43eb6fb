using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Experiments;

/// <summary>
/// The θ maps a trained Learn2Perturb model ended with (docs/method.md §7 "Learned noise"), read from its run's checkpoint:
/// the model is rebuilt on the CPU from the run's training config, the stored weights are loaded, and every
/// perturbation-injection module's θ is copied out, stem first.
/// </summary>
/// <param name="Epochs">The epochs the checkpoint had trained when read.</param>
public sealed record LearnedTheta(string Experiment, string RunId, int Epochs, IReadOnlyList<ThetaMap> Modules)
{
    /// <exception cref="InvalidOperationException">The experiment has not been trained, or its defence has no θ modules.</exception>
    public static LearnedTheta Read(Runs.RunStore store, ExperimentConfig config)
    {
        var run = TrainingHistory.TrainedRun(store, config);
        var checkpoint = StoredCheckpoint.Read(run) ?? throw new InvalidOperationException(
            $"run {run.Id} of '{config.Name}' has no checkpoint yet: run `l2p train {config.Name} --profile {config.Profile.ToName()}`");
        using var scope = NewDisposeScope();
        using var model = config.Training.BuildModel(config.Training.ResolveDefense(), CPU);
        checkpoint.LoadWeights(model, run.CheckpointPath);
        var modules = model.named_modules()
            .Where(m => m.module is PerturbationInjection)
            .Select(m => Map(m.name, (PerturbationInjection)m.module))
            .ToList();
        if (modules.Count == 0)
            throw new InvalidOperationException($"'{config.Name}' trains defence '{config.Training.Defense}', which has no θ modules (only l2p and l2p-r learn θ)");
        return new LearnedTheta(config.Name, run.Id, checkpoint.State.NextEpoch, modules);
    }

    private static ThetaMap Map(string name, PerturbationInjection module)
    {
        using var values = module.Theta.detach().cpu().flatten();
        return new ThetaMap(name, module.Theta.shape, values.data<float>().ToArray(), module.ThetaMin);
    }
}
