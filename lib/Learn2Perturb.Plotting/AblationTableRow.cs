namespace Learn2Perturb.Plotting;

/// <summary>
/// One variant of an ablation (docs/method.md §7): accuracy in percent, "mean ± std" over <see cref="Repeats"/> stochastic
/// evaluations; Δ = this variant's mean − the baseline variant's (the paper's defaults); the mean θ the variant ended
/// training with; and the paper's number, which for the ablations does not exist (<see cref="Paper"/> says so).
/// </summary>
/// <param name="TestTimeNoise">Whether the θ modules perturbed during the evaluation (the defence's own: on).</param>
/// <param name="ThetaModules">How many perturbation-injection modules the model has (their placement).</param>
/// <param name="FinalMeanTheta">The mean over modules of each module's mean θ after the last epoch, 4 decimals.</param>
public sealed record AblationTableRow(string Variant, int Repeats, string TestTimeNoise, string Clean, string Fgsm, string Pgd,
    double? DeltaClean, double? DeltaFgsm, double? DeltaPgd, int ThetaModules, string FinalMeanTheta, string Paper);
