namespace Learn2Perturb.Attacks;

/// <summary>
/// One attack's line in a suite: <see cref="Attacked"/> samples it was run on (the survivors of the attacks before
/// it), <see cref="Broken"/> of them it fooled, and <see cref="RobustAfter"/> samples still correct after it.
/// </summary>
public sealed record SuiteStep(string Attack, int Attacked, int Broken, int RobustAfter);

/// <summary>
/// The result of an <see cref="AttackSuite"/> on <see cref="Samples"/> samples (STYLE.md §1.5): clean accuracy, each
/// attack's line, and the worst case over attacks: the percentage of samples that no attack fooled.
/// </summary>
public sealed record SuiteResult(int Samples, int CleanCorrect, IReadOnlyList<SuiteStep> Steps)
{
    public double CleanAccuracy => Percent(CleanCorrect);

    /// <summary>Robust accuracy in percent after attack <paramref name="step"/> (and all before it).</summary>
    public double AccuracyAfter(int step) => Percent(Steps[step].RobustAfter);

    /// <summary>Robust accuracy under the whole suite, in percent (the clean accuracy when the suite is empty).</summary>
    public double WorstCaseAccuracy => Steps.Count == 0 ? CleanAccuracy : AccuracyAfter(Steps.Count - 1);

    /// <summary>The result over the union of disjoint batches: counts add up.</summary>
    public static SuiteResult Combine(IReadOnlyList<SuiteResult> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to combine", nameof(parts));
        var names = parts[0].Steps.Select(s => s.Attack).ToList();
        if (parts.Any(p => !p.Steps.Select(s => s.Attack).SequenceEqual(names)))
            throw new ArgumentException("every part must come from the same suite (same attacks, same order)", nameof(parts));
        var steps = names.Select((name, i) => new SuiteStep(name, parts.Sum(p => p.Steps[i].Attacked),
            parts.Sum(p => p.Steps[i].Broken), parts.Sum(p => p.Steps[i].RobustAfter))).ToList();
        return new SuiteResult(parts.Sum(p => p.Samples), parts.Sum(p => p.CleanCorrect), steps);
    }

    private double Percent(int count) => Samples == 0 ? double.NaN : 100.0 * count / Samples;
}
