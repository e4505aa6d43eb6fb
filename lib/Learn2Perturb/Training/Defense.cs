namespace Learn2Perturb.Training;

/// <summary>What is trained (PAPER.md §4): the paper's baselines and the method come from one trainer.</summary>
public enum Defense
{
    /// <summary>Plain training: no noise modules, no adversarial examples.</summary>
    None,
    /// <summary>Madry et al.'s PGD-7 adversarial training, no noise.</summary>
    Vanilla,
    /// <summary>Learn2Perturb: learned perturbation injection + alternating updates + PGD-7 adversarial training.</summary>
    Learn2Perturb,
    /// <summary>
    /// Learn2Perturb-R, OUR BEST GUESS (PAPER.md §4: the paper material does not define it): as Learn2Perturb, but θ is
    /// trained by the regulariser γ·g(θ) only; no gradient of the classification loss L reaches θ. The W step is
    /// Algorithm 1's; <see cref="TrainingOptions.Scheme"/> does not apply (without L in θ's step the schemes coincide).
    /// </summary>
    Learn2PerturbR,
    /// <summary>PNI (He et al. 2019): noise with learned scale α on weights and/or activations + PGD adversarial training.</summary>
    Pni,
    /// <summary>Adv-BNN (Liu et al. 2019): Bayesian layers, loss + KL weight · KL(q ‖ prior), PGD adversarial training.</summary>
    AdvBnn,
}

/// <summary>How W and θ are updated each iteration (PAPER.md §1, "Alternating back-propagation").</summary>
public enum UpdateScheme
{
    /// <summary>
    /// Algorithm 1 as printed: both gradients at (W^{t−1}, θ^{t−1}) from one backward pass, then a W step with θ fixed
    /// and a θ step (on L + γ·g) with W fixed, then the projection θ ≥ θmin.
    /// </summary>
    Algorithm1,
    /// <summary>The θ step re-evaluated at W^t with a second forward/backward pass (one reading of "alternating").</summary>
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
