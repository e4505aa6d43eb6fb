namespace Learn2Perturb.Plotting;

/// <summary>
/// One (defence, κ) cell of the C&amp;W L2 table (docs/method.md §5): the model's clean and white-box PGD-7 accuracy for
/// context, then at confidence <see cref="Kappa"/> the share of images attacked (those classified correctly),
/// the success rate among them and the mean L2 distance of the successes, each "mean ± std" over
/// <see cref="Repeats"/> repeats. <see cref="Paper"/> says the paper gives no number (docs/method.md §6).
/// </summary>
public sealed record CwKappaRow(string Defence, double Kappa, string Clean, string Pgd, string Attacked, string SuccessRate,
    string MeanL2, int Repeats, long Images, string Paper);
