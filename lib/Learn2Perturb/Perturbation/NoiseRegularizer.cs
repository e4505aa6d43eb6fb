using static TorchSharp.torch;

namespace Learn2Perturb.Perturbation;

/// <summary>How the regulariser's temperature τ evolves over the noisy epochs.</summary>
public enum Annealing
{
    /// <summary>τ = H(k) = Σ_{i=1..k} 1/i, k = epochs since noise was switched on, counted from 1 (the paper).</summary>
    Harmonic,
    /// <summary>τ = 1 throughout (ablation).</summary>
    Constant,
    /// <summary>No regulariser at all (ablation): the penalty is 0 whatever γ, so only L moves θ.</summary>
    None,
}

/// <summary>
/// The noise regulariser of docs/method.md §1: <c>γ · g(θ)</c> with <c>g(θ) = −Σ √θ / τ</c>. The minus sign makes it push θ
/// up (more noise), against the classification loss, which pulls θ down.
/// </summary>
public sealed record NoiseRegularizer(double Gamma = 1e-4, Annealing Annealing = Annealing.Harmonic)
{
    /// <summary>τ for the k-th noisy epoch (k ≥ 1).</summary>
    public static double Temperature(Annealing annealing, int noisyEpoch)
    {
        if (noisyEpoch < 1)
            throw new ArgumentOutOfRangeException(nameof(noisyEpoch), noisyEpoch, "noisy epochs are counted from 1");
        if (annealing == Annealing.Constant) return 1.0;
        if (annealing == Annealing.None) return double.PositiveInfinity; // g(θ)/τ = 0: the regulariser is absent
        double h = 0;
        for (int i = 1; i <= noisyEpoch; i++) h += 1.0 / i;
        return h;
    }

    /// <summary>
    /// γ · g(θ) summed over every θ map, as a scalar tensor that carries gradients to θ. With
    /// <see cref="Annealing.None"/> it is an exact 0 that still belongs to θ's graph (its gradient is 0), so the update
    /// schemes need no special case.
    /// </summary>
    public Tensor Penalty(IEnumerable<Tensor> thetas, int noisyEpoch)
    {
        double scale = -Gamma / Temperature(Annealing, noisyEpoch); // −γ/∞ = −0 for Annealing.None
        Tensor? total = null;
        foreach (var theta in thetas)
        {
            // At scale 0 (γ = 0 or no regulariser) skip √θ: its gradient is ∞ at θ = 0 and ∞·0 would be NaN.
            var term = scale == 0 ? theta.sum() : theta.sqrt().sum();
            total = total is null ? term : total + term;
        }
        return total is null ? tensor(0f) : total * scale;
    }
}
