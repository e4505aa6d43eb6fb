using System.Text.Json.Serialization;

namespace Learn2Perturb.Training;

/// <summary>What is trained (docs/method.md §4): the paper's baselines and the method come from one trainer.</summary>
public enum Defense
{
    /// <summary>Plain training: no noise modules, no adversarial examples.</summary>
    None,
    /// <summary>Madry et al.'s PGD-7 adversarial training, no noise.</summary>
    Vanilla,
    /// <summary>Learn2Perturb: learned perturbation injection + alternating updates + PGD-7 adversarial training.</summary>
    Learn2Perturb,
    /// <summary>
    /// Learn2Perturb-R, OUR BEST GUESS (docs/method.md §4: the paper material does not define it): as Learn2Perturb, but θ is
    /// trained by the regulariser γ·g(θ) only; no gradient of the classification loss L reaches θ. The W step is
    /// Algorithm 1's. θ's step is −γ·∇g directly under <see cref="UpdateScheme.Algorithm1"/> and goes through θ's
    /// optimiser under every other scheme (without L in θ's step those schemes coincide).
    /// </summary>
    Learn2PerturbR,
    /// <summary>PNI (He et al. 2019): noise with learned scale α on weights and/or activations + PGD adversarial training.</summary>
    Pni,
    /// <summary>Adv-BNN (Liu et al. 2019): Bayesian layers, loss + KL weight · KL(q ‖ prior), PGD adversarial training.</summary>
    AdvBnn,
}

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

public static class DefenseNames
{
    /// <summary>
    /// The short names of the defence kinds: none, vanilla, l2p, l2p-r, pni, adv-bnn. The variants (PNI-W channel,
    /// PNI-A, ...) are named by <see cref="DefenseSpecs"/>.
    /// </summary>
    public static string ToName(this Defense d) => d switch
    {
        Defense.None => "none",
        Defense.Vanilla => "vanilla",
        Defense.Learn2Perturb => "l2p",
        Defense.Learn2PerturbR => "l2p-r",
        Defense.Pni => "pni",
        Defense.AdvBnn => "adv-bnn",
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, null),
    };

    public static Defense Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "none" => Defense.None,
        "vanilla" => Defense.Vanilla,
        "l2p" or "learn2perturb" => Defense.Learn2Perturb,
        "l2p-r" => Defense.Learn2PerturbR,
        "pni" => Defense.Pni,
        "adv-bnn" => Defense.AdvBnn,
        _ => throw new ArgumentException($"unknown defence '{name}': expected none, vanilla, l2p, l2p-r, pni or adv-bnn"),
    };
}
