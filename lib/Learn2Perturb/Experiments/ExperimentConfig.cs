namespace Learn2Perturb.Experiments;

/// <summary>The paper's numbers for one table cell (accuracy %, PAPER.md §6), shown next to ours.</summary>
public sealed record PaperNumbers(double Clean, double Pgd, double Fgsm, string? Note = null);

/// <summary>
/// One named, independent job of the paper's tables (e.g. <c>table1/resnet-v1-20/l2p</c>) under a profile: what to
/// train, how to evaluate it, and what the paper reported. Built by <see cref="ExperimentCatalog"/>.
/// </summary>
/// <param name="Model">The paper's architecture for this cell; smoke trains a smaller one (<see cref="TrainingConfig.Model"/>).</param>
public sealed record ExperimentConfig(string Name, Profile Profile, string Model, TrainingConfig Training, EvaluationConfig Evaluation,
    PaperNumbers? Reported);
