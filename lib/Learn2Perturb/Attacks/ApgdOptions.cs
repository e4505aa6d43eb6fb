namespace Learn2Perturb.Attacks;

/// <summary>
/// Options of Auto-PGD (Croce &amp; Hein, ICML 2020). The defaults are AutoAttack's protocol for randomised defences
/// ("rand" version; PAPER.md §7): 100 iterations, each gradient the mean over 20 EOT draws, no restarts.
/// <see cref="Momentum"/> α = 0.75 weights the new projected step against the previous update, <see cref="Rho"/>
/// ρ = 0.75 is the fraction of loss-increasing steps below which the step size is halved at a checkpoint.
/// </summary>
public sealed record ApgdOptions(int Steps = 100, AttackLoss Loss = AttackLoss.CrossEntropy, int EotSamples = 20,
    bool RandomStart = true, double Momentum = 0.75, double Rho = 0.75, int Restarts = 1)
{
    /// <summary>AutoAttack's "rand" protocol for randomised defences: 100 steps, 20 EOT draws, no restarts.</summary>
    public static ApgdOptions Rand(AttackLoss loss) => new(Loss: loss);

    public void Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "APGD needs at least 1 step");
        if (!Enum.IsDefined(Loss)) throw new ArgumentOutOfRangeException(nameof(Loss), Loss, "the loss must be CrossEntropy or Dlr");
        if (EotSamples < 1) throw new ArgumentOutOfRangeException(nameof(EotSamples), EotSamples, "EOT samples must be ≥ 1");
        if (!(Momentum >= 0 && Momentum <= 1)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "momentum α must lie in [0, 1]");
        if (!(Rho > 0 && Rho <= 1)) throw new ArgumentOutOfRangeException(nameof(Rho), Rho, "ρ must lie in (0, 1]");
        if (Restarts < 1) throw new ArgumentOutOfRangeException(nameof(Restarts), Restarts, "restarts must be ≥ 1");
    }

    /// <summary>
    /// The iterations at which the step size may be halved: w_j = ⌈p_j·N⌉ with p_0 = 0, p_1 = 0.22 and
    /// p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06) (Croce &amp; Hein 2020, §3.2).
    /// </summary>
    public IReadOnlyList<int> Checkpoints()
    {
        var points = new List<int>();
        double previous = 0, current = 0.22;
        while (current <= 1)
        {
            int w = (int)Math.Ceiling(current * Steps - 1e-9); // 0.57·100 is 57.000…01 in binary: not 58
            if (w > 0 && (points.Count == 0 || w > points[^1])) points.Add(w);
            (previous, current) = (current, current + Math.Max(current - previous - 0.03, 0.06));
        }
        return points;
    }
}
