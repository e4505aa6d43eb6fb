namespace Learn2Perturb.Attacks;

/// <summary>
/// A ball of radius <see cref="Epsilon"/> around x in the given <see cref="Norm"/> (L∞ unless said otherwise),
/// intersected with the pixel box [Min, Max]. ε is a fraction of the pixel range: the paper's 8/255 is 0.0313725…
/// </summary>
public sealed record ThreatModel(double Epsilon, double Min = 0, double Max = 1, Norm Norm = Norm.LInf)
{
    /// <summary>The paper's budget, L∞ ε = 8/255 (docs/method.md §5).</summary>
    public static ThreatModel Paper { get; } = new(8.0 / 255);

    /// <summary>An L2 ball of radius <paramref name="epsilon"/> in the [0,1] box.</summary>
    public static ThreatModel L2(double epsilon) => new(epsilon, Norm: Norm.L2);

    public void Validate()
    {
        if (!(Epsilon >= 0) || double.IsInfinity(Epsilon))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "ε must be a finite number ≥ 0 (a fraction of the pixel range, e.g. 8/255)");
        if (!(Max > Min)) throw new ArgumentOutOfRangeException(nameof(Max), Max, $"the pixel box needs Max > Min ({Min})");
        if (!Enum.IsDefined(Norm)) throw new ArgumentOutOfRangeException(nameof(Norm), Norm, "the norm must be LInf or L2");
    }

    /// <summary>A short label for names and reports: "Linf" or "L2".</summary>
    public string NormLabel => Norm == Norm.L2 ? "L2" : "Linf";
}
