using System.Text.Json.Serialization;

namespace Learn2Perturb.Training;

/// <summary>How W and θ are updated each iteration (docs/method.md §1, "Alternating back-propagation").</summary>
public enum UpdateScheme
{
    /// <summary>
    /// Algorithm 1 as printed: θ^t = θ^{t−1} − lr·∇θL(W^{t−1}, θ^{t−1}) − γ·∇θg(θ^{t−1}). Both gradients come from
    /// (W^{t−1}, θ^{t−1}); the W step and the L part of the θ step go through their optimisers (lr, momentum), while the
    /// regulariser's γ·∇g is subtracted directly, so its push does not shrink when the learning rate decays. Then the
    /// projection θ ≥ θmin. Stored as <c>algorithm1_as_printed</c>, so no run trained with the older reading is reused.
    /// </summary>
    [JsonStringEnumMemberName("algorithm1_as_printed")]
    Algorithm1,
    /// <summary>
    /// The reference code's reading of Algorithm 1: one backward pass of L + γ·g, and θ stepped on both through its
    /// optimiser, so γ·∇g is scaled by lr and by the momentum (≈ the printed step at lr 0.1, 10× weaker at 0.01).
    /// Stored as <c>algorithm1</c>: the name runs trained before the printed rule became the default carry.
    /// </summary>
    [JsonStringEnumMemberName("algorithm1")]
    Algorithm1ThroughOptimizer,
    /// <summary>
    /// The θ step re-evaluated at W^t with a second forward/backward pass (one reading of "alternating"); its θ step on
    /// L + γ·g goes through the optimiser, as in <see cref="Algorithm1ThroughOptimizer"/>.
    /// </summary>
    StrictAlternation,
    /// <summary>The reference code: a θ step on γ·g alone, then one joint step of W and θ on L from one backward pass.</summary>
    ReferenceCode,
}
