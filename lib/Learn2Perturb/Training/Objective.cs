using Learn2Perturb.Attacks;
using Learn2Perturb.Baselines;
using static TorchSharp.torch;

namespace Learn2Perturb.Training;

/// <summary>
/// The training loss L (clean, or (1−w)·CE(f(x),y) + w·CE(f(x_adv),y) with x_adv from PGD on the model's own clean
/// predictions) and the update schemes built on it. Runs inside the caller's dispose scope.
/// </summary>
/// <remarks>With <paramref name="klWeight"/> &gt; 0 (Adv-BNN) the loss is L + klWeight · KL(q ‖ prior) of the Bayesian layers.</remarks>
internal sealed class Objective(nn.Module<Tensor, Tensor> model, IAttack adversary, TrainingOptions options, bool adversarial,
    double klWeight = 0)
{
    public (double Loss, long Correct) TrainWeightsOnly(AlternatingUpdate update, Tensor x, Tensor y)
    {
        var (loss, correct) = Loss(x, y);
        update.ZeroGrad();
        loss.backward();
        update.StepWeights();
        return (loss.item<float>(), correct);
    }

    /// <summary>
    /// Algorithm 1 as printed: the W step and θ's L step from one backward pass of L at (W^{t−1}, θ^{t−1}), each through
    /// its optimiser, then θ −= γ·∇g(θ^{t−1}) directly (neither lr nor momentum), then the projection.
    /// </summary>
    public (double Loss, long Correct) Algorithm1(AlternatingUpdate update, Tensor x, Tensor y, int noisyEpoch)
    {
        var (loss, correct) = Loss(x, y);
        var regularizerGradient = RegularizerGradient(update, noisyEpoch); // at θ^{t−1}, before either step
        update.ZeroGrad();
        loss.backward();
        update.StepWeights();
        update.StepTheta(regularizerGradient);
        return (loss.item<float>(), correct);
    }

    /// <summary>The reference code's reading: one backward pass of L + γ·g, both steps through their optimisers.</summary>
    public (double Loss, long Correct) Algorithm1ThroughOptimizer(AlternatingUpdate update, Tensor x, Tensor y, int noisyEpoch)
    {
        var (loss, correct) = Loss(x, y);
        // W does not appear in g, so ∇_W is that of L alone and ∇_θ is that of L + γ·g: one pass serves both steps.
        var total = loss + options.Regularizer.Penalty(update.Thetas, noisyEpoch);
        update.ZeroGrad();
        total.backward();
        update.StepWeights();
        update.StepTheta();
        return (loss.item<float>(), correct);
    }

    /// <summary>The W step, then the θ step re-evaluated at W^t (a second forward/backward pass, fresh noise).</summary>
    public (double Loss, long Correct) StrictAlternation(AlternatingUpdate update, Tensor x, Tensor y, int noisyEpoch)
    {
        var result = TrainWeightsOnly(update, x, y);
        var (loss, _) = Loss(x, y);
        var total = loss + options.Regularizer.Penalty(update.Thetas, noisyEpoch);
        update.ZeroGrad();
        total.backward();
        update.StepTheta();
        return result;
    }

    /// <summary>The reference code: θ step on γ·g alone, then one joint step of W and θ on L, then the projection.</summary>
    public (double Loss, long Correct) ReferenceCode(AlternatingUpdate update, Tensor x, Tensor y, int noisyEpoch)
    {
        update.ZeroThetaGrad();
        options.Regularizer.Penalty(update.Thetas, noisyEpoch).backward();
        update.StepTheta();
        var (loss, correct) = Loss(x, y);
        update.ZeroGrad();
        loss.backward();
        update.StepWeights();
        update.StepTheta();
        return (loss.item<float>(), correct);
    }

    /// <summary>
    /// Learn2Perturb-R (our best guess, docs/method.md §4): the W step on L, the θ step on γ·g(θ) alone, applied directly
    /// (<paramref name="asPrinted"/>, Algorithm 1's form of that term) or through θ's optimiser. L never moves θ.
    /// </summary>
    public (double Loss, long Correct) RegularizerOnlyTheta(AlternatingUpdate update, Tensor x, Tensor y, int noisyEpoch, bool asPrinted)
    {
        var (loss, correct) = Loss(x, y);
        update.ZeroGrad();
        loss.backward();
        if (asPrinted)
        {
            var regularizerGradient = RegularizerGradient(update, noisyEpoch);
            update.StepWeights();
            update.StepThetaDirectly(regularizerGradient);
            return (loss.item<float>(), correct);
        }
        update.ZeroThetaGrad();
        options.Regularizer.Penalty(update.Thetas, noisyEpoch).backward();
        update.StepWeights();
        update.StepTheta();
        return (loss.item<float>(), correct);
    }

    /// <summary>γ·∇θg(θ) at the current θ, one tensor per θ map; θ's own gradients are left untouched.</summary>
    private Tensor[] RegularizerGradient(AlternatingUpdate update, int noisyEpoch)
    {
        var thetas = update.Thetas.Cast<Tensor>().ToArray();
        var penalty = options.Regularizer.Penalty(thetas, noisyEpoch);
        return [.. autograd.grad([penalty], thetas)];
    }

    private (Tensor Loss, long Correct) Loss(Tensor x, Tensor y)
    {
        var (loss, correct) = DataLoss(x, y);
        return klWeight > 0 ? (loss + model.KlDivergence() * klWeight, correct) : (loss, correct);
    }

    private (Tensor Loss, long Correct) DataLoss(Tensor x, Tensor y)
    {
        var logits = model.forward(x);
        var clean = nn.functional.cross_entropy(logits, y);
        var predicted = logits.argmax(1);
        long correct = predicted.eq(y).sum().item<long>();
        if (!adversarial) return (clean, correct);
        // PGD against the model's own clean predictions (eval-mode BN, noise on), then back in train mode.
        var xAdv = adversary.Perturb(model, x, predicted.detach());
        var robust = nn.functional.cross_entropy(model.forward(xAdv), y);
        double w = options.AdversarialWeight;
        return (clean * (1 - w) + robust * w, correct);
    }
}
