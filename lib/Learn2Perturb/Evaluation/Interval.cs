namespace Learn2Perturb.Evaluation;

/// <summary>
/// A mean over independent replicates (seeds) with its two-sided 95 % Student-t interval, mean ± <see cref="HalfWidth"/>.
/// The replicate is the seed: it re-draws the initialisation, the data order, the training noise and the attacks'
/// randomness, so the spread between seeds is the spread a reader who re-runs the experiment sees. Repeats within one
/// seed re-sample only the evaluation and are averaged first (they are not independent of the trained model). With
/// three to five seeds the t quantile (4.30 at 2 degrees of freedom, 2.78 at 4) makes the interval honest about
/// how little a handful of runs pins down; a single seed has no interval (<see cref="HalfWidth"/> is NaN).
/// </summary>
public sealed record Interval(double Mean, double HalfWidth, int N)
{
    public const double Level = 0.95;

    /// <summary>The mean of <paramref name="values"/> with the t interval over them (NaN half-width for one value).</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static Interval Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("an interval needs at least one value", nameof(values));
        if (values.Any(v => !double.IsFinite(v))) throw new ArgumentException($"an interval needs finite values, got {string.Join(", ", values)}", nameof(values));
        double mean = values.Average();
        if (values.Count == 1) return new Interval(mean, double.NaN, 1);
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new Interval(mean, StudentT.Quantile(0.5 + Level / 2, values.Count - 1) * sd / Math.Sqrt(values.Count), values.Count);
    }

    /// <summary>The paired differences <c>a[i] − b[i]</c> (same seed) with their t interval.</summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static Interval OfDifferences(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired differences need one value per seed on both sides, got {a.Count} and {b.Count}", nameof(b));
        return Of([.. a.Zip(b, (x, y) => x - y)]);
    }

    public bool HasWidth => !double.IsNaN(HalfWidth);

    public double Low => Mean - HalfWidth;

    public double High => Mean + HalfWidth;

    /// <summary>Whether the interval lies wholly above or below zero: for a difference, an effect resolved at 95 %.</summary>
    public bool ExcludesZero => HasWidth && (Low > 0 || High < 0);

    /// <summary>"74.10 ± 1.23 (n = 3)"; one seed: "74.10 (n = 1, no interval)".</summary>
    public override string ToString() => HasWidth ? $"{Mean:F2} ± {HalfWidth:F2} (n = {N})" : $"{Mean:F2} (n = 1, no interval)";

    /// <summary>A difference: signed, "+1.20 ± 0.80 (n = 3)".</summary>
    public string ToSignedString() => HasWidth ? $"{Mean:+0.00;−0.00;0.00} ± {HalfWidth:F2} (n = {N})" : $"{Mean:+0.00;−0.00;0.00} (n = 1, no interval)";
}
