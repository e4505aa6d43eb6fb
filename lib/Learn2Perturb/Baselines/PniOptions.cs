namespace Learn2Perturb.Baselines;

/// <summary>
/// Parametric Noise Injection (He, Rakin, Fan, CVPR 2019; docs/method.md §4): every convolution and the linear head get
/// <c>v + α · std(v) · ε</c>, ε ~ N(0, 1) drawn afresh on every forward pass, on their weights (PNI-W, α of
/// <see cref="Weights"/> shape) and/or on their input activations (PNI-A, one scalar α per layer).
/// </summary>
/// <param name="Weights">Shape of the weight-noise α, or <see cref="PniScope.None"/> for no weight noise.</param>
/// <param name="Activations">Whether each layer's input activation is perturbed too (PNI-A).</param>
/// <param name="Alpha0">Initial α (the PNI paper's 0.25).</param>
public sealed record PniOptions(PniScope Weights = PniScope.Layer, bool Activations = false, double Alpha0 = PniOptions.DefaultAlpha0)
{
    /// <summary>α0 of the PNI paper.</summary>
    public const double DefaultAlpha0 = 0.25;

    /// <summary>Throws naming the invalid field.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Weights))
            throw new ArgumentOutOfRangeException(nameof(Weights), Weights, "Weights must be None, Layer, Channel or Element");
        if (Weights == PniScope.None && !Activations)
            throw new ArgumentException($"{nameof(Weights)} = None with {nameof(Activations)} = false injects no noise at all: that is not PNI", nameof(Weights));
        if (!(Alpha0 >= 0) || double.IsInfinity(Alpha0))
            throw new ArgumentOutOfRangeException(nameof(Alpha0), Alpha0, "Alpha0 must be a finite value ≥ 0");
    }
}
