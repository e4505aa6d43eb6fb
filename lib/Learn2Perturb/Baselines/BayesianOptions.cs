namespace Learn2Perturb.Baselines;

/// <summary>
/// Adv-BNN's Bayesian layers (Liu et al., ICLR 2019; docs/method.md §4): a factorised Gaussian posterior
/// q(w) = N(μ, σ²) per weight, σ = exp(log σ), sampled as w = μ + σ · ε on every forward pass, with the term
/// <c>KlWeight · KL(q ‖ N(0, PriorSigma²))</c> added to the training loss.
/// </summary>
/// <param name="PriorSigma">σ0 of the prior N(0, σ0²) (our choice: 0.1; the Adv-BNN code tunes it per data set).</param>
/// <param name="InitialSigma">σ every log σ starts from (our choice: 0.01, so training starts close to a plain net).</param>
/// <param name="KlWeight">Weight of the KL term; null = 1/N_train (the ELBO's per-sample scaling), set by the trainer.</param>
public sealed record BayesianOptions(double PriorSigma = 0.1, double InitialSigma = 0.01, double? KlWeight = null)
{
    /// <summary>Throws naming the invalid field.</summary>
    public void Validate()
    {
        if (!(PriorSigma > 0) || double.IsInfinity(PriorSigma))
            throw new ArgumentOutOfRangeException(nameof(PriorSigma), PriorSigma, "PriorSigma must be finite and > 0");
        if (!(InitialSigma > 0) || double.IsInfinity(InitialSigma))
            throw new ArgumentOutOfRangeException(nameof(InitialSigma), InitialSigma, "InitialSigma must be finite and > 0");
        if (KlWeight is { } w && (!(w >= 0) || double.IsInfinity(w)))
            throw new ArgumentOutOfRangeException(nameof(KlWeight), KlWeight, "KlWeight must be finite and ≥ 0 (or null for 1/N_train)");
    }
}
