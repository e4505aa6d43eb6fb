using Learn2Perturb.Attacks;
using Learn2Perturb.Baselines;
using Learn2Perturb.Core;
using static TorchSharp.torch;

namespace Learn2Perturb.Training;

/// <summary>
/// The training loss L (clean, or (1−w)·CE(f(x),y) + w·CE(f(x_adv),y) with x_adv from PGD on the model's own clean
/// predictions) and the update schemes built on it. Runs inside the caller's dispose scope. Nothing here reads a value
/// back to the host: each scheme returns the batch's loss and correct count as tensors on the model's device.
/// </summary>
/// <remarks>With <paramref name="klWeight"/> &gt; 0 (Adv-BNN) the loss is L + klWeight · KL(q ‖ prior) of the Bayesian layers.</remarks>
internal sealed class Objective(nn.Module<Tensor, Tensor> model, IAttack adversary, TrainingOptions options, bool adversarial,
    double klWeight = 0)
{
    public BatchStep TrainWeightsOnly(AlternatingUpdate update, Tensor x, Tensor y)
    {
        update.ZeroGrad();
        var loss = Loss(x, y);
        loss.Pending.backward();
        update.StepWeights();
        return new(loss.Value, loss.Correct);
    }

    /// <summary>
    /// Algorithm 1 as printed: the W step and θ's L step from one backward pass of L at (W^{t−1}, θ^{t−1}), each through
    /// its optimiser, then θ −= γ·∇g(θ^{t−1}) directly (neither lr nor momentum), then the projection.
    /// </summary>
    public BatchStep Algorithm1(AlternatingUpdate update, Tensor x, Tensor y, int noisyEpoch)
    {
        update.ZeroGrad();
        var loss = Loss(x, y);
        var regularizerGradient = RegularizerGradient(update, noisyEpoch); // at θ^{t−1}, before either step
        loss.Pending.backward();
        update.StepWeights();
        update.StepTheta(regularizerGradient);
        return new(loss.Value, loss.Correct);
    }

    /// <summary>The reference code's reading: one backward pass of L + γ·g, both steps through their optimisers.</summary>
    public BatchStep Algorithm1ThroughOptimizer(AlternatingUpdate update, Tensor x, Tensor y, int noisyEpoch)
    {
        update.ZeroGrad();
        var loss = Loss(x, y);
        // W does not appear in g, so ∇_W is that of L alone and ∇_θ is that of L + γ·g: one pass serves both steps.
        (loss.Pending + options.Regularizer.Penalty(update.Thetas, noisyEpoch)).backward();
        update.StepWeights();
        update.StepTheta();
        return new(loss.Value, loss.Correct);
    }

    /// <summary>The W step, then the θ step re-evaluated at W^t (a second forward/backward pass, fresh noise).</summary>
    public BatchStep StrictAlternation(AlternatingUpdate update, Tensor x, Tensor y, int noisyEpoch)
    {
        var result = TrainWeightsOnly(update, x, y);
        update.ZeroGrad();
        var loss = Loss(x, y);
        (loss.Pending + options.Regularizer.Penalty(update.Thetas, noisyEpoch)).backward();
        update.StepTheta();
        return result;
    }

    /// <summary>The reference code: θ step on γ·g alone, then one joint step of W and θ on L, then the projection.</summary>
    public BatchStep ReferenceCode(AlternatingUpdate update, Tensor x, Tensor y, int noisyEpoch)
    {
        update.ZeroThetaGrad();
        options.Regularizer.Penalty(update.Thetas, noisyEpoch).backward();
        update.StepTheta();
        update.ZeroGrad();
        var loss = Loss(x, y);
        loss.Pending.backward();
        update.StepWeights();
        update.StepTheta();
        return new(loss.Value, loss.Correct);
    }

    /// <summary>
    /// Learn2Perturb-R (our best guess, docs/method.md §4): the W step on L, the θ step on γ·g(θ) alone, applied directly
    /// (<paramref name="asPrinted"/>, Algorithm 1's form of that term) or through θ's optimiser. L never moves θ.
    /// </summary>
    public BatchStep RegularizerOnlyTheta(AlternatingUpdate update, Tensor x, Tensor y, int noisyEpoch, bool asPrinted)
    {
        update.ZeroGrad();
        var loss = Loss(x, y);
        loss.Pending.backward();
        if (asPrinted)
        {
            var regularizerGradient = RegularizerGradient(update, noisyEpoch);
            update.StepWeights();
            update.StepThetaDirectly(regularizerGradient);
            return new(loss.Value, loss.Correct);
        }
        update.ZeroThetaGrad();
        options.Regularizer.Penalty(update.Thetas, noisyEpoch).backward();
        update.StepWeights();
        update.StepTheta();
        return new(loss.Value, loss.Correct);
    }

    /// <summary>γ·∇θg(θ) at the current θ, one tensor per θ map; θ's own gradients are left untouched.</summary>
    private Tensor[] RegularizerGradient(AlternatingUpdate update, int noisyEpoch)
    {
        var thetas = update.Thetas.Cast<Tensor>().ToArray();
        var penalty = options.Regularizer.Penalty(thetas, noisyEpoch);
        return [.. autograd.grad([penalty], thetas)];
    }

    /// <summary>
    /// L on a batch, with its gradients zeroed beforehand by the caller. Value is L; Pending is the part of L whose
    /// backward pass is still to run (the clean half of an adversarial loss has already run its own, see
    /// <see cref="DataLoss"/>). Each weight is used once per forward pass, so it receives two gradient terms, and two
    /// floats sum the same in either order: the W step is bit-identical to one backward pass of L. Where a parameter
    /// gets a third term in the same step (θ with the regulariser when it goes through θ's optimiser, Adv-BNN's μ and
    /// log σ with the KL), the order of the sum changes and its gradient can differ in the last bit.
    /// </summary>
    private (Tensor Pending, Tensor Value, Tensor Correct) Loss(Tensor x, Tensor y)
    {
        var (rest, value, correct) = DataLoss(x, y);
        if (klWeight <= 0) return (rest, value, correct);
        var kl = model.KlDivergence() * klWeight;
        return (rest + kl, value + kl.detach(), correct);
    }

    private (Tensor Pending, Tensor Value, Tensor Correct) DataLoss(Tensor x, Tensor y)
    {
        var logits = model.forward(x);
        var clean = nn.functional.cross_entropy(logits, y);
        var predicted = logits.argmax(1);
        var correct = predicted.eq(y).sum();
        if (!adversarial) return (clean, clean.detach(), correct);
        double w = options.AdversarialWeight;
        // The clean half's backward runs now, so its graph (every activation of the clean forward) is freed before PGD.
        var cleanPart = clean * (1 - w);
        cleanPart.backward();
        // PGD against the model's own clean predictions (eval-mode BN, noise on), then back in train mode. It needs the
        // input gradient only: with the parameters frozen its graphs hold no path into the weights.
        Tensor xAdv;
        using (model.Frozen()) xAdv = adversary.Perturb(model, x, predicted.detach());
        var robust = nn.functional.cross_entropy(model.forward(xAdv), y) * w;
        return (robust, cleanPart.detach() + robust.detach(), correct);
    }
}

/// <summary>One iteration's loss L (a detached scalar) and clean-correct count, on the model's device.</summary>
internal sealed record BatchStep(Tensor Loss, Tensor Correct);
