using static TorchSharp.torch;

namespace Learn2Perturb.Tests;

internal static class TensorAssert
{
    /// <summary>Exact equality of shape and every element.</summary>
    public static bool Identical(this Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
