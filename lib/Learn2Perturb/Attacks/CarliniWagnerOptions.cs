namespace Learn2Perturb.Attacks;

/// <summary>
/// Options of the Carlini–Wagner L2 attack (docs/method.md §5): <see cref="Confidence"/> κ is the logit margin the
/// adversarial example must reach, <see cref="InitialC"/> the first trade-off constant c, refined per sample by
/// <see cref="BinarySearchSteps"/> rounds of binary search, each round <see cref="Steps"/> Adam steps of
/// <see cref="LearningRate"/> on the tanh-space variable; with <see cref="AbortEarly"/> a round stops when its loss has
/// not fallen by 0.01 % over the last tenth of its steps (Carlini and Wagner's 10,000 steps with early abort).
/// <see cref="EotSamples"/> averages the objective over noise draws for stochastic models; a round's closest point
/// counts as a success only when it fools a majority of <see cref="SuccessDraws"/> fresh draws. <see cref="CorrectOnly"/> attacks only the images the model classifies correctly (one
/// majority of <see cref="SuccessDraws"/> fresh draws decides, as in the few-pixel attack); otherwise every image is attacked and an image the model already
/// gets wrong counts as a success at a distance ≈ 0, which raises the success rate and lowers the mean L2.
/// </summary>
public sealed record CarliniWagnerOptions(double Confidence = 0, double InitialC = 1e-2, int BinarySearchSteps = 9,
    int Steps = 100, double LearningRate = 1e-2, int EotSamples = 1, bool CorrectOnly = false, int SuccessDraws = 5,
    bool AbortEarly = false)
{
    public void Validate()
    {
        if (!(Confidence >= 0) || double.IsInfinity(Confidence)) throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "confidence κ must be a finite number ≥ 0");
        if (!(InitialC > 0) || double.IsInfinity(InitialC)) throw new ArgumentOutOfRangeException(nameof(InitialC), InitialC, "the initial constant c must be a finite number > 0");
        if (BinarySearchSteps < 1) throw new ArgumentOutOfRangeException(nameof(BinarySearchSteps), BinarySearchSteps, "binary search needs at least 1 step");
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "C&W needs at least 1 optimisation step");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be a finite number > 0");
        if (EotSamples < 1) throw new ArgumentOutOfRangeException(nameof(EotSamples), EotSamples, "EOT samples must be ≥ 1");
        if (SuccessDraws < 1) throw new ArgumentOutOfRangeException(nameof(SuccessDraws), SuccessDraws, "success draws must be ≥ 1");
    }
}
