using Learn2Perturb.Core;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// L∞ PGD in pixel space: optional uniform random start in the ε-ball, then signed-gradient ascent steps on the
/// cross-entropy, each followed by projection onto the ε-ball and the pixel box. With restarts, each sample keeps
/// the first restart that fools the model (else the last).
/// </summary>
public sealed class Pgd : IAttack
{
    public Pgd(ThreatModel threat, PgdOptions options)
    {
        threat.Validate();
        options.Validate();
        Threat = threat;
        Options = options;
    }

    public string Name => Options.EotSamples > 1 ? $"EOT-PGD-{Options.Steps}x{Options.EotSamples}" : $"PGD-{Options.Steps}";

    public ThreatModel Threat { get; }

    public PgdOptions Options { get; }

    public Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var mode = model.EvalMode();
        using var scope = NewDisposeScope();
        var best = Attempt(model, x, y);
        for (int r = 1; r < Options.Restarts; r++)
        {
            using var restart = NewDisposeScope();
            var fooled = Fooled(model, best, y);
            var candidate = Attempt(model, x, y);
            best = where(fooled.view(-1, 1, 1, 1), best, candidate).MoveToOuterDisposeScope();
        }
        return best.MoveToOuterDisposeScope();
    }

    private Tensor Attempt(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        var lower = (x - Threat.Epsilon).clamp_(Threat.Min, Threat.Max);
        var upper = (x + Threat.Epsilon).clamp_(Threat.Min, Threat.Max);
        var adv = Options.RandomStart
            ? (x + empty_like(x).uniform_(-Threat.Epsilon, Threat.Epsilon)).clamp_(Threat.Min, Threat.Max)
            : x.detach().clone();
        for (int step = 0; step < Options.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var grad = InputGradient.OfCrossEntropy(model, adv, y, Options.EotSamples);
            var next = adv.add(grad.sign_(), alpha: Options.StepSize).clamp_(lower, upper).MoveToOuterDisposeScope();
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
