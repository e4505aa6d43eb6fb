namespace Learn2Perturb.Attacks;

/// <summary>
/// Options of Auto-PGD (Croce &amp; Hein, ICML 2020). The defaults are AutoAttack's protocol for randomised defences
/// ("rand" version; docs/method.md §7): 100 iterations, each gradient the mean over 20 EOT draws, no restarts.
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
    /// The iterations (counted from 1) at which the step size may be halved, as AutoAttack schedules them for any
    /// number of steps N: windows of ⌊0.22·N⌋ iterations, each next one ⌊0.03·N⌋ shorter but at least ⌊0.06·N⌋ (every
    /// length at least 1); a checkpoint ends each window that ends within the N steps. At N = 100: 22, 41, 57, …, 99.
    /// </summary>
    public IReadOnlyList<int> Checkpoints()
    {
        int window = Math.Max((int)(0.22 * Steps), 1);
        int shrink = Math.Max((int)(0.03 * Steps), 1), shortest = Math.Max((int)(0.06 * Steps), 1);
        var points = new List<int>();
        for (int at = window; at <= Steps; at += window)
        {
            points.Add(at);
            window = Math.Max(window - shrink, shortest);
        }
        return points;
    }
}
