namespace Learn2Perturb.Plotting;

/// <summary>
/// One experiment cell of a measured-vs-paper table (docs/method.md §6): measured accuracy (percent, "mean ± std" over
/// <see cref="Repeats"/> stochastic evaluations) beside the paper's, and Δ = measured mean − paper for each measure
/// that both have. Empty paper and Δ cells mean the paper gives no number there (<see cref="Note"/> says why).
/// </summary>
public sealed record ResultTableRow(string Experiment, string Model, string Defence, int Repeats,
    string Clean, string Fgsm, string Pgd,
    double? PaperClean, double? PaperFgsm, double? PaperPgd,
    double? DeltaClean, double? DeltaFgsm, double? DeltaPgd,
    string Note);
