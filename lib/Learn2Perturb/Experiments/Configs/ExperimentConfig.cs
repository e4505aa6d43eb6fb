namespace Learn2Perturb.Experiments;

/// <summary>
/// One named, independent job of the paper's tables (e.g. <c>table1/resnet-v1-20/l2p</c>) under a profile: what to
/// train, how to evaluate it, and what the paper reported. Built by <see cref="ExperimentCatalog"/>.
/// </summary>
/// <param name="Model">The paper's architecture for this cell; smoke trains a smaller one (<see cref="TrainingConfig.Model"/>).</param>
public sealed record ExperimentConfig(string Name, Profile Profile, string Model, TrainingConfig Training, EvaluationConfig Evaluation,
    PaperNumbers? Reported)
{
    /// <summary>Throws naming the first missing or invalid field (configs read from JSON files can lack any of them).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("an experiment config needs a name", nameof(Name));
        if (Training is null) throw new ArgumentException($"experiment '{Name}' has no training config", nameof(Training));
        if (Evaluation is null) throw new ArgumentException($"experiment '{Name}' has no evaluation config", nameof(Evaluation));
        if (Evaluation.Attacks is null) throw new ArgumentException($"experiment '{Name}' has no attacks", "Attacks");
        Training.ResolveDefense();
        Evaluation.Validate();
    }
}
