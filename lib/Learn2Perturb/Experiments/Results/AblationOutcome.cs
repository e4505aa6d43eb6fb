using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>
/// One variant of an ablation (docs/method.md §7; notebooks 07 and 08): its stored evaluation and the epochs of the run that
/// trained it, so a table can put robustness beside the noise the variant learned.
/// </summary>
/// <param name="Reused">Whether the evaluation was read back from the run store rather than computed.</param>
public sealed record AblationOutcome(EvaluationResult Result, IReadOnlyList<EpochEnded> History, bool Reused)
{
    /// <summary>The variant's name: the last part of the experiment's name (<c>gamma-1e-3</c> of <c>ablation/noise-reg/gamma-1e-3</c>).</summary>
    public string Variant => Result.Experiment[(Result.Experiment.LastIndexOf('/') + 1)..];

    /// <summary>The mean θ after the last epoch (<see cref="TrainingHistory.MeanTheta"/>); null without θ modules or epochs.</summary>
    public double? FinalMeanTheta => History.Count > 0 ? TrainingHistory.MeanTheta(History[^1]) : null;

    /// <summary>Trains what is missing, evaluates or reuses the stored result, and reads the run's epochs back.</summary>
    public static AblationOutcome Run(ExperimentRunner runner, ExperimentConfig config, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var outcome = runner.TrainAndEvaluate(config, cancel);
        return new AblationOutcome(outcome.Result, TrainingHistory.Of(runner.Store, config), outcome.Reused);
    }
}
