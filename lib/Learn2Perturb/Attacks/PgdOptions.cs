using System.Text.Json.Serialization;

namespace Learn2Perturb.Attacks;

/// <summary>
/// Options of L∞ projected gradient descent (Madry et al.). The paper's PGD: 7 steps of 0.01 from one uniform
/// random start (PAPER.md §5). <see cref="EotSamples"/> &gt; 1 averages each gradient over that many noise draws.
/// </summary>
public sealed record PgdOptions(int Steps = 7, double StepSize = 0.01, bool RandomStart = true, int Restarts = 1, int EotSamples = 1)
{
    public static PgdOptions Paper { get; } = new();

    /// <summary>
    /// The reference code's EOT: the K copies of each input go through the model as one batch, one forward pass, instead
    /// of K passes. With per-sample noise every copy gets its own draw and the gradient is the same mean over K draws;
    /// with batch-shared noise all copies share one draw and "EOT" degenerates to one draw's gradient (PAPER.md §1).
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
