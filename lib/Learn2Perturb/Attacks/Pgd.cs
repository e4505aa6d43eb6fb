using Learn2Perturb.Core;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// Projected gradient descent in pixel space (Madry et al.; docs/method.md §5) for an L∞ or L2 <see cref="ThreatModel"/>:
/// optional random start in the ε-ball, then steepest-ascent steps on the cross-entropy (sign for L∞, unit-L2
/// gradient for L2), each followed by projection onto the ε-ball and the pixel box. With
/// <see cref="PgdOptions.EotSamples"/> K &gt; 1 each gradient is the mean over K independent noise draws (EOT-PGD).
/// With restarts, each sample keeps the first restart that fools the model (else the last).
/// </summary>
public sealed class Pgd : IAttack
{
    private readonly Geometry geometry;

    public Pgd(ThreatModel threat, PgdOptions options)
    {
        threat.Validate();
        options.Validate();
        Threat = threat;
        Options = options;
        geometry = Geometry.For(threat);
    }

    /// <summary><see cref="AttackName"/>: "pgd-7@8/255", "pgd-7-r5@8/255", "pgd-7-eot30@8/255", "pgd-7-eot30-batch@8/255", "pgd-l2-7@0.5".</summary>
    public string Name => AttackName.Of("pgd", Threat, Options.Steps, Options.Restarts, Options.EotSamples, Options.EotInOneBatch);

    public ThreatModel Threat { get; }

    public PgdOptions Options { get; }

    public AttackDescription Description => new(Options.EotSamples, Options.RandomStart, EotInOneBatch: Options.EotInOneBatch);

    public Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var mode = model.EvalMode();
        using var scope = NewDisposeScope();
        int draws = model.DrawsNeeded(x, Options.EotSamples);
        var best = Attempt(model, x, y, draws);
        for (int r = 1; r < Options.Restarts; r++)
        {
            using var restart = NewDisposeScope();
            var fooled = Fooled(model, best, y);
            var candidate = Attempt(model, x, y, draws);
            best = where(Geometry.PerSample(fooled, x), best, candidate).MoveToOuterDisposeScope();
        }
        return best.MoveToOuterDisposeScope();
    }

    private Tensor Attempt(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int draws)
    {
        var adv = Options.RandomStart ? geometry.RandomStart(x) : x.detach().clone();
        for (int step = 0; step < Options.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var grad = InputGradient.OfCrossEntropy(model, adv, y, draws, Options.EotInOneBatch);
            var next = geometry.Project(geometry.Step(adv, grad, Options.StepSize), x).MoveToOuterDisposeScope();
            adv.Dispose(); // our own iterate, never the caller's x
            adv = next;
        }
        return adv.detach();
    }

    private static Tensor Fooled(nn.Module<Tensor, Tensor> model, Tensor adv, Tensor y)
    {
        using var _ = no_grad();
        return model.forward(adv).argmax(1).ne(y);
    }
}
