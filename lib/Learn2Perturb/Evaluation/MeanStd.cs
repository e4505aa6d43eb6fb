namespace Learn2Perturb.Evaluation;

/// <summary>Mean ± sample standard deviation over <see cref="Repeats"/> values (std 0 for a single value).</summary>
public sealed record MeanStd(double Mean, double Std, int Repeats)
{
    public static MeanStd Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        double mean = values.Average();
        double var = values.Count > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) : 0;
        return new MeanStd(mean, Math.Sqrt(var), values.Count);
    }

    public override string ToString() => $"{Mean:F2} ± {Std:F2}";
}
