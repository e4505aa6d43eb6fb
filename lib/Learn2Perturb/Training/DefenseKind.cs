namespace Learn2Perturb.Training;

/// <summary>
/// The training rules a <see cref="DefenseSpec"/> follows (docs/method.md §4): which parameters learn noise, whether
/// there is a KL term, when noise and adversarial examples start. The paper's baselines and the method come from one trainer.
/// </summary>
public enum DefenseKind
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
