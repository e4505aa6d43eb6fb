using System.Text.Json.Serialization;

namespace Learn2Perturb.Attacks;

/// <summary>
/// Options of L∞ projected gradient descent (Madry et al.). The paper's PGD: 7 steps of 0.01 from one uniform
/// random start (docs/method.md §5). <see cref="EotSamples"/> &gt; 1 averages each gradient over that many noise draws.
/// </summary>
public sealed record PgdOptions(int Steps = 7, double StepSize = 0.01, bool RandomStart = true, int Restarts = 1, int EotSamples = 1)
{
    public static PgdOptions Paper { get; } = new();

    /// <summary>
    /// The workbook's one PGD step rule, used by every sweep and attack name: Madry et al.'s 2.5·ε/k for k steps, so
    /// that the k steps can travel 2.5ε (from a random start at one edge of the ball across it and beyond) at every
    /// budget; a fixed step cannot (7 × 0.01 covers 2ε only up to ε = 8.9/255). The paper's own attack, L∞
    /// ε = 8/255 with 7 steps, keeps its 0.01 (docs/method.md §5; the rule would give 0.0112 there), and ε = 0, where
    /// the projection makes any step the identity, keeps 0.01 too.
    /// </summary>
    public static double StepFor(double epsilon, int steps, Norm norm = Norm.LInf)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "PGD needs at least 1 step");
        if (!(epsilon >= 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a finite number ≥ 0");
        bool paperAttack = norm == Norm.LInf && steps == 7 && Math.Abs(epsilon - ThreatModel.Paper.Epsilon) < 1e-12;
        return paperAttack || epsilon == 0 ? Paper.StepSize : 2.5 * epsilon / steps;
    }

    /// <summary>
    /// The reference code's EOT: the K copies of each input go through the model as one batch, one forward pass, instead
    /// of K passes. With per-sample noise every copy gets its own draw and the gradient is the same mean over K draws;
    /// with batch-shared noise all copies share one draw and "EOT" degenerates to one draw's gradient (docs/method.md §1).
    /// Left out of the JSON when false: PGD options are part of a training config, whose hash is a run id.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool EotInOneBatch { get; init; }

    public void Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "PGD needs at least 1 step");
        if (!(StepSize > 0) || double.IsInfinity(StepSize)) throw new ArgumentOutOfRangeException(nameof(StepSize), StepSize, "step size must be a finite number > 0");
        if (Restarts < 1) throw new ArgumentOutOfRangeException(nameof(Restarts), Restarts, "restarts must be ≥ 1");
        if (EotSamples < 1) throw new ArgumentOutOfRangeException(nameof(EotSamples), EotSamples, "EOT samples must be ≥ 1");
    }
}
