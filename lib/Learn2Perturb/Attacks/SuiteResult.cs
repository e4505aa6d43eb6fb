namespace Learn2Perturb.Attacks;

/// <summary>
/// One attack's line in a suite: <see cref="Attacked"/> samples it was run on (the survivors of the attacks before
/// it), <see cref="Broken"/> of them it fooled, and the robust accuracy (percent of all samples) after it.
/// </summary>
public sealed record SuiteStep(string Attack, int Attacked, int Broken, double AccuracyAfter);

/// <summary>
/// The result of an <see cref="AttackSuite"/> on N samples (STYLE.md §1.5): clean accuracy, each attack's line, and
/// the worst case over attacks: the percentage of samples that no attack fooled.
/// </summary>
public sealed record SuiteResult(int Samples, double CleanAccuracy, IReadOnlyList<SuiteStep> Steps)
{
    /// <summary>Robust accuracy under the whole suite, in percent (the clean accuracy when the suite is empty).</summary>
    public double WorstCaseAccuracy => Steps.Count == 0 ? CleanAccuracy : Steps[^1].AccuracyAfter;
}
