using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// The per-sample state of one APGD run. Every field is replaced, never mutated in place, and the replaced tensor
/// is disposed at once, so memory stays flat over hundreds of iterations (each iteration runs in its own scope).
/// </summary>
internal sealed class ApgdState
{
    private readonly Apgd attack;
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly Tensor x, y;
    private readonly int draws;                                 // EOT draws per gradient (one on a model whose passes agree)
    private Tensor current, previous, grad, loss, eta;          // iterate x_k, x_{k−1}, ∇f(x_k), f(x_k), step size η
    private Tensor best, bestGrad, bestLoss;                    // highest-loss point so far
    private Tensor fooled, lastFooling;                         // per sample: fooled yet, and the latest iterate that did
    private Tensor increases, lastCountedLoss;                  // loss increases in this window, and the loss they compare to
    private Tensor bestLossAtCheckpoint, halvedLast;            // checkpoint bookkeeping

    public ApgdState(Apgd attack, nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        this.attack = attack;
        this.model = model;
        this.x = x;
        this.y = y;
        draws = model.DrawsNeeded(x, attack.Options.EotSamples);
        var threat = attack.Threat;
        current = attack.Options.RandomStart ? RandomStart(attack.Geometry, x) : x.detach().clone();
        previous = current.clone();
        (loss, grad, var logits) = InputGradient.OfLoss(model, current, y, attack.Options.Loss, draws);
        eta = full(x.shape[0], 2 * threat.Epsilon, dtype: x.dtype, device: x.device);
        best = current.clone();
        bestGrad = grad.clone();
        bestLoss = loss.clone();
        fooled = logits.argmax(1).ne(y);
        lastFooling = current.clone();
        increases = zeros(x.shape[0], dtype: x.dtype, device: x.device);
        // AutoAttack compares the first iterate's loss with its loss history's unwritten entry, 0, not with the start's
        // loss: kept, so that the first checkpoint decides as the reference does.
        lastCountedLoss = zeros_like(loss);
        bestLossAtCheckpoint = loss.clone();
        // As in AutoAttack: at the first checkpoint only the oscillation test can halve η.
        halvedLast = ones(x.shape[0], dtype: ScalarType.Bool, device: x.device);
    }

    /// <summary>
    /// AutoAttack's start: a random direction scaled to the ε-sphere of the norm (L∞: uniform noise divided by its
    /// largest entry, so one pixel per image sits at ±ε; L2: a Gaussian of norm ε), then clipped to the box.
    /// </summary>
    internal static Tensor RandomStart(Geometry geometry, Tensor x)
    {
        using var scope = NewDisposeScope();
        var threat = geometry.Threat;
        var t = threat.Norm == Norm.LInf ? rand_like(x).mul_(2).sub_(1) : randn_like(x);
        var size = threat.Norm == Norm.LInf ? t.abs().flatten(1).amax([1]) : Geometry.L2Norms(t);
        var delta = t / (Geometry.PerSample(size, x) + 1e-12) * threat.Epsilon;
        return (x + delta).clamp_(threat.Min, threat.Max).MoveToOuterDisposeScope();
    }

    /// <summary>One APGD iteration: momentum step, then a new loss, gradient and prediction at the new point.</summary>
    public void Advance(double alpha, bool first)
    {
        var g = attack.Geometry;
        var z = g.Project(g.Step(current, grad, eta), x);
        var next = first ? z : g.Project(current + alpha * (z - current) + (1 - alpha) * (current - previous), x);
        previous.Dispose();
        previous = current; // already owned by the attack's scope: moving it again would push it further out
        current = next.MoveToOuterDisposeScope();
        var (newLoss, newGrad, logits) = InputGradient.OfLoss(model, current, y, attack.Options.Loss, draws);
        Replace(ref increases, increases + newLoss.gt(lastCountedLoss).to_type(increases.dtype));
        Replace(ref lastCountedLoss, newLoss.clone());
        Replace(ref loss, newLoss);
        Replace(ref grad, newGrad);
        var foolsNow = logits.argmax(1).ne(y);
        Replace(ref lastFooling, where(Geometry.PerSample(foolsNow, x), current, lastFooling));
        Replace(ref fooled, fooled | foolsNow);
        var better = loss.gt(bestLoss);
        Replace(ref best, where(Geometry.PerSample(better, x), current, best));
        Replace(ref bestGrad, where(Geometry.PerSample(better, x), grad, bestGrad));
        Replace(ref bestLoss, where(better, loss, bestLoss));
    }

    /// <summary>Halves η and restarts from the best point for the samples whose progress stalled (see <see cref="Apgd"/>).</summary>
    public void Checkpoint(double minimumIncreases)
    {
        var oscillating = increases.le(minimumIncreases);
        var stalled = ~halvedLast & bestLoss.le(bestLossAtCheckpoint);
        var halve = oscillating | stalled;
        var perPixel = Geometry.PerSample(halve, x);
        Replace(ref eta, where(halve, eta / 2, eta));
        // x_{k−1} stays: the next momentum term is x_best − x_{k−1}, as in AutoAttack.
        Replace(ref current, where(perPixel, best, current));
        Replace(ref grad, where(perPixel, bestGrad, grad));
        Replace(ref halvedLast, halve);
        Replace(ref bestLossAtCheckpoint, bestLoss.clone());
        Replace(ref increases, zeros_like(increases));
    }

    /// <summary>The iterate x_k (for tests that follow the iterates).</summary>
    public Tensor Current => current;

    /// <summary>
    /// Per sample: the latest iterate that fooled the model if any (AutoAttack's x_best_adv, deeper in the wrong class
    /// than the first), else the highest-loss one; and whether one fooled it.
    /// </summary>
    public (Tensor Adv, Tensor Fooled) Result() =>
        (where(Geometry.PerSample(fooled, x), lastFooling, best).detach(), fooled.clone());

    /// <summary>Moves a tensor made in the current iteration's scope out to the attack's scope and frees the old one.</summary>
    private static void Replace(ref Tensor field, Tensor value)
    {
        var old = field;
        field = value.MoveToOuterDisposeScope();
        old.Dispose();
    }
}
