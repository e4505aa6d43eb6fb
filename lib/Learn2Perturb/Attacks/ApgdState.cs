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
    private Tensor current, previous, grad, loss, eta;          // iterate x_k, x_{k−1}, ∇f(x_k), f(x_k), step size η
    private Tensor best, bestGrad, bestLoss;                    // highest-loss point so far
    private Tensor fooled, firstFooling;                        // per sample: fooled yet, and where
    private Tensor increases, bestLossAtCheckpoint, halvedLast; // checkpoint bookkeeping

    public ApgdState(Apgd attack, nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        this.attack = attack;
        this.model = model;
        this.x = x;
        this.y = y;
        var threat = attack.Threat;
        current = attack.Options.RandomStart ? attack.Geometry.RandomStart(x) : x.detach().clone();
        previous = current.clone();
        (loss, grad, var logits) = InputGradient.OfLoss(model, current, y, attack.Options.Loss, attack.Options.EotSamples);
        eta = full(x.shape[0], 2 * threat.Epsilon, dtype: x.dtype, device: x.device);
        best = current.clone();
        bestGrad = grad.clone();
        bestLoss = loss.clone();
        fooled = logits.argmax(1).ne(y);
        firstFooling = current.clone();
        increases = zeros(x.shape[0], dtype: x.dtype, device: x.device);
        bestLossAtCheckpoint = loss.clone();
        halvedLast = zeros(x.shape[0], dtype: ScalarType.Bool, device: x.device);
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
        var (newLoss, newGrad, logits) = InputGradient.OfLoss(model, current, y, attack.Options.Loss, attack.Options.EotSamples);
        Replace(ref increases, increases + newLoss.gt(loss).to_type(increases.dtype));
        Replace(ref loss, newLoss);
        Replace(ref grad, newGrad);
        var newlyFooled = logits.argmax(1).ne(y) & ~fooled;
        Replace(ref firstFooling, where(Geometry.PerSample(newlyFooled, x), current, firstFooling));
        Replace(ref fooled, fooled | newlyFooled);
        var better = loss.gt(bestLoss);
        Replace(ref best, where(Geometry.PerSample(better, x), current, best));
        Replace(ref bestGrad, where(Geometry.PerSample(better, x), grad, bestGrad));
        Replace(ref bestLoss, where(better, loss, bestLoss));
    }

    /// <summary>Halves η and restarts from the best point for the samples whose progress stalled (see <see cref="Apgd"/>).</summary>
    public void Checkpoint(double minimumIncreases)
    {
        var oscillating = increases.lt(minimumIncreases);
        var stalled = ~halvedLast & bestLoss.le(bestLossAtCheckpoint);
        var halve = oscillating | stalled;
        var perPixel = Geometry.PerSample(halve, x);
        Replace(ref eta, where(halve, eta / 2, eta));
        Replace(ref current, where(perPixel, best, current));
        // Restarting from the best point also drops the momentum term: x_{k−1} = x_k for those samples.
        Replace(ref previous, where(perPixel, current, previous));
        Replace(ref grad, where(perPixel, bestGrad, grad));
        Replace(ref halvedLast, halve);
        Replace(ref bestLossAtCheckpoint, bestLoss.clone());
        Replace(ref increases, zeros_like(increases));
    }

    /// <summary>Per sample: the first fooling iterate if any, else the highest-loss one; and whether it fooled.</summary>
    public (Tensor Adv, Tensor Fooled) Result() =>
        (where(Geometry.PerSample(fooled, x), firstFooling, best).detach(), fooled.clone());

    /// <summary>Moves a tensor made in the current iteration's scope out to the attack's scope and frees the old one.</summary>
    private static void Replace(ref Tensor field, Tensor value)
    {
        var old = field;
        field = value.MoveToOuterDisposeScope();
        old.Dispose();
    }
}
