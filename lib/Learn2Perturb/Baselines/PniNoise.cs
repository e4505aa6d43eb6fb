using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Baselines;

/// <summary>The noise term shared by the PNI layers.</summary>
internal static class PniNoise
{
    /// <summary>
    /// <c>v + α · std(v) · ε</c>, ε ~ N(0,1) of v's shape. std(v) is taken over the whole tensor and treated as a
    /// constant (the PNI code reads it as a number), so the gradient reaches α through std(v)·ε, and v's own gradient
    /// is the identity.
    /// </summary>
    public static Tensor Add(Tensor v, Tensor alpha)
    {
        var std = v.detach().std();
        return v + alpha * std * randn_like(v);
    }

    /// <summary>α for a weight of <paramref name="weightShape"/> ([out, in, k, k] or [out, in]); null for no weight noise.</summary>
    public static Parameter? WeightAlpha(PniScope scope, long[] weightShape, double alpha0)
    {
        long[]? shape = scope switch
        {
            PniScope.None => null,
            PniScope.Layer => [1],
            // [out, 1, 1, 1] (conv) or [out, 1] (linear): broadcasts over everything but the output channel.
            PniScope.Channel => [weightShape[0], .. Enumerable.Repeat(1L, weightShape.Length - 1)],
            PniScope.Element => weightShape,
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown PNI scope"),
        };
        return shape is null ? null : nn.Parameter(full(shape, alpha0, dtype: float32));
    }

    /// <summary>The one scalar α of PNI-A, or null without activation noise.</summary>
    public static Parameter? ActivationAlpha(bool activations, double alpha0) =>
        activations ? nn.Parameter(full([1], alpha0, dtype: float32)) : null;

    public static IReadOnlyList<Parameter> Present(params Parameter?[] alphas) => [.. alphas.OfType<Parameter>()];
}
