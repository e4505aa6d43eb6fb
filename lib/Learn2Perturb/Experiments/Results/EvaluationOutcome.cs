namespace Learn2Perturb.Experiments;

/// <summary>What <see cref="ExperimentRunner.Evaluate"/> returns: the result and whether it was read back instead of computed.</summary>
public sealed record EvaluationOutcome(EvaluationResult Result, bool Reused, string ResultPath);
