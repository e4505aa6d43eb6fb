namespace Learn2Perturb.Attacks;

/// <summary>
/// An L∞ ball of radius <see cref="Epsilon"/> around x, intersected with the pixel box [Min, Max].
/// ε is a fraction of the pixel range: the paper's 8/255 is 0.0313725…
/// </summary>
public sealed record ThreatModel(double Epsilon, double Min = 0, double Max = 1)
{
    /// <summary>The paper's budget, ε = 8/255 (PAPER.md §5).</summary>
    public static ThreatModel Paper { get; } = new(8.0 / 255);

    public void Validate()
    {
        if (!(Epsilon >= 0) || double.IsInfinity(Epsilon))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "ε must be a finite number ≥ 0 (a fraction of the pixel range, e.g. 8/255)");
        if (!(Max > Min)) throw new ArgumentOutOfRangeException(nameof(Max), Max, $"the pixel box needs Max > Min ({Min})");
    }
}
