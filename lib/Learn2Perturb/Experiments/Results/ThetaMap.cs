namespace Learn2Perturb.Experiments;

/// <summary>
/// The learned θ of one perturbation-injection module (docs/method.md §1): the noise standard deviation of every element of
/// its C×H×W feature map, as trained, with the module's projection bound θmin.
/// </summary>
/// <param name="Module">The module's path in the model, as in the state dict: <c>noise</c> (the stem), <c>blocks.0_1.noise</c>.</param>
/// <param name="Shape">[C, H, W].</param>
/// <param name="Values">θ in row-major order, <c>C·H·W</c> values.</param>
public sealed record ThetaMap(string Module, IReadOnlyList<long> Shape, IReadOnlyList<float> Values, double ThetaMin)
{
    /// <summary>A short label for tables and charts: <c>stem</c>, <c>block 0_1</c>.</summary>
    public string Label => Module == "noise" ? "stem" : "block " + Module.Replace("blocks.", "").Replace(".noise", "");

    public double Mean => Values.Average(v => (double)v);

    /// <summary>The population standard deviation over the map's elements.</summary>
    public double Std
    {
        get
        {
            double mean = Mean;
            return Math.Sqrt(Values.Average(v => (v - mean) * (v - mean)));
        }
    }

    public double Min => Values.Min();

    public double Max => Values.Max();

    /// <summary>
    /// The fraction of elements held at the bound θmin by the projection (within float rounding): where the
    /// classification loss won against the regulariser and would have pushed θ lower.
    /// </summary>
    public double FractionAtThetaMin => Values.Count(v => v <= ThetaMin + 1e-6) / (double)Values.Count;
}
