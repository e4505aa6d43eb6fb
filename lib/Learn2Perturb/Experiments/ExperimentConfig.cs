namespace Learn2Perturb.Experiments;

/// <summary>The paper's numbers for one table cell (accuracy %, docs/method.md §6), shown next to ours.</summary>
public sealed record PaperNumbers(double Clean, double Pgd, double Fgsm, string? Note = null);

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
        if (Training.Options is null) throw new ArgumentException($"experiment '{Name}' has no training options", "Options");
        if (Evaluation.Attacks is null) throw new ArgumentException($"experiment '{Name}' has no attacks", "Attacks");
        if (Training.TrainImages is < 1) throw new ArgumentOutOfRangeException("TrainImages", Training.TrainImages, "train images must be ≥ 1 (or null for all)");
        ExperimentData.Input(Training.Dataset ?? throw new ArgumentException($"experiment '{Name}' names no dataset", "Dataset"));
        Models.ModelSpec.Parse(Training.Model ?? throw new ArgumentException($"experiment '{Name}' names no model", "Model"));
        if (Training.Defense is null) throw new ArgumentException($"experiment '{Name}' names no defence", "Defense");
        Training.Options.Validate();
        Evaluation.Validate();
    }
}
