using Learn2Perturb.Core;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// Auto-PGD (Croce &amp; Hein 2020, Algorithm 1) for an L∞ or L2 threat, with AutoAttack's step and checkpoint rule:
/// a random start on the ε-sphere; starting step size η = 2ε; each iteration takes a projected step
/// z = P(x_k + η·step(∇f)) and moves to P(x_k + α(z − x_k) + (1 − α)(x_k − x_{k−1})) (momentum α = 0.75). At each
/// checkpoint (<see cref="ApgdOptions.Checkpoints"/>) a sample halves its η and moves to its best point, keeping its
/// momentum, when at most ρ of the steps of the window raised its loss, or when its η was not halved last time and its
/// best loss has not improved since. Loss, gradient and prediction are averaged over
/// <see cref="ApgdOptions.EotSamples"/> noise draws (EOT). Returns, per sample, the latest iterate that fooled the
/// model (as AutoAttack does), else the iterate with the highest loss (AutoAttack returns x itself there: on a noisy
/// model, scored on fresh draws, the highest-loss point is the stronger choice; on a deterministic one both score alike).
/// </summary>
public sealed class Apgd : IAttack
{
    private readonly Geometry geometry;
    private readonly IReadOnlyList<int> checkpoints;

    public Apgd(ThreatModel threat, ApgdOptions options)
    {
        threat.Validate();
        options.Validate();
        Threat = threat;
        Options = options;
        geometry = Geometry.For(threat);
        checkpoints = options.Checkpoints();
    }

    /// <summary><see cref="AttackName"/>: "apgd-ce-100-eot20@8/255", "apgd-dlr-100@8/255", "apgd-ce-l2-100@0.5".</summary>
    public string Name => AttackName.Of(Options.Loss == AttackLoss.Dlr ? "apgd-dlr" : "apgd-ce", Threat, Options.Steps, Options.Restarts, Options.EotSamples);

    public ThreatModel Threat { get; }

    public ApgdOptions Options { get; }

    public AttackDescription Description => new(Options.EotSamples, Options.RandomStart);

    public Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var mode = model.EvalMode();
        using var scope = NewDisposeScope();
        var (best, fooled) = Attempt(model, x, y);
        for (int r = 1; r < Options.Restarts; r++)
        {
            using var restart = NewDisposeScope();
            var (candidate, candidateFooled) = Attempt(model, x, y);
            var keep = fooled | ~candidateFooled;
            best = where(Geometry.PerSample(keep, x), best, candidate).MoveToOuterDisposeScope();
            fooled = (fooled | candidateFooled).MoveToOuterDisposeScope();
        }
        return best.MoveToOuterDisposeScope();
    }

    /// <summary>One run of <see cref="ApgdOptions.Steps"/> iterations; <paramref name="observe"/> sees each iterate x_k.</summary>
    internal (Tensor Adv, Tensor Fooled) Attempt(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Action<int, Tensor>? observe = null)
    {
        var s = new ApgdState(this, model, x, y);
        int previousCheckpoint = 0;
        int next = 0;
        for (int k = 0; k < Options.Steps; k++)
        {
            using var iteration = NewDisposeScope();
            s.Advance(Options.Momentum, first: k == 0);
            observe?.Invoke(k, s.Current);
            if (next < checkpoints.Count && k + 1 == checkpoints[next])
            {
                s.Checkpoint(Options.Rho * (checkpoints[next] - previousCheckpoint));
                previousCheckpoint = checkpoints[next++];
            }
        }
        return s.Result();
    }

    internal Geometry Geometry => geometry;
}
