namespace Learn2Perturb.Evaluation;

/// <summary>One point of a sweep: the swept value (ε, steps, …), the attack's name there, and its accuracy in percent.</summary>
public sealed record SweepPoint(double Value, string Attack, MeanStd Accuracy);

/// <summary>
/// Robust accuracy against one attack parameter (docs/method.md §5 ε sweeps; §7 strength sweeps), mean ± std over repeats,
/// with the sanity checks that failed along the sweep.
/// </summary>
public sealed record SweepReport(string Parameter, IReadOnlyList<SweepPoint> Points, MeanStd Clean, int Repeats, double Seconds)
{
    public IReadOnlyList<SanityWarning> Warnings { get; init; } = [];
}
