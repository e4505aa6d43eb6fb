namespace Learn2Perturb.Attacks;

/// <summary>
/// Options of the few-pixel attack (Su, Vargas &amp; Sakurai 2019; docs/method.md §5): <see cref="Pixels"/> k pixels may
/// change (the paper uses 1, 2, 3); differential evolution runs a population of <see cref="Population"/> candidates
/// for at most <see cref="Iterations"/> generations with mutation weight <see cref="DifferentialWeight"/> F
/// (Su et al.: 400, 100, 0.5). A candidate's fitness is averaged over <see cref="EotSamples"/> noise draws; it counts
/// as fooling the model only when a majority of <see cref="SuccessDraws"/> fresh draws misclassify it.
/// </summary>
public sealed record FewPixelOptions(int Pixels = 1, int Population = 400, int Iterations = 100, double DifferentialWeight = 0.5,
    int EotSamples = 1, int SuccessDraws = 5)
{
    public void Validate()
    {
        if (Pixels < 1) throw new ArgumentOutOfRangeException(nameof(Pixels), Pixels, "the attack must be allowed at least 1 pixel");
        if (Population < 4) throw new ArgumentOutOfRangeException(nameof(Population), Population, "differential evolution needs a population of at least 4");
        if (Iterations < 0) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "iterations must be ≥ 0");
        if (!(DifferentialWeight > 0 && DifferentialWeight <= 2))
            throw new ArgumentOutOfRangeException(nameof(DifferentialWeight), DifferentialWeight, "the differential weight F must lie in (0, 2]");
        if (EotSamples < 1) throw new ArgumentOutOfRangeException(nameof(EotSamples), EotSamples, "EOT samples must be ≥ 1");
        if (SuccessDraws < 1) throw new ArgumentOutOfRangeException(nameof(SuccessDraws), SuccessDraws, "success draws must be ≥ 1");
    }
}
