using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

internal static class InputGradient
{
    /// <summary>
    /// ∇ₓ of the mean cross-entropy, averaged over <paramref name="eotSamples"/> stochastic forward passes, or, with
    /// <paramref name="inOneBatch"/>, over <paramref name="eotSamples"/> copies of x in one pass (<see cref="InOneBatch"/>).
    /// Only the input gradient is computed (autograd.grad on x), never the weights' gradients.
    /// </summary>
    public static Tensor OfCrossEntropy(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int eotSamples = 1, bool inOneBatch = false)
    {
        if (inOneBatch) return InOneBatch(model, x, y, eotSamples);
        using var scope = NewDisposeScope();
        var xg = x.detach().requires_grad_(true);
        Tensor? sum = null;
        for (int k = 0; k < eotSamples; k++)
        {
            using var step = NewDisposeScope();
            var loss = nn.functional.cross_entropy(model.forward(xg), y);
            var g = autograd.grad([loss], [xg])[0];
            sum = sum is null ? g.MoveToOuterDisposeScope() : sum.add_(g);
        }
        if (eotSamples > 1) sum!.div_(eotSamples);
        return sum!.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The reference code's EOT gradient: K copies of x stacked into one batch of K·N, one forward pass, the mean
    /// cross-entropy over all K·N rows differentiated with respect to x (the gradient flows back through the copies and
    /// sums). The mean over K·N rows equals the mean over K passes of the per-pass mean over N, so with independent draws
    /// per row this is the looped EOT gradient; with one draw shared by the batch every copy sees the same noise.
    /// </summary>
    public static Tensor InOneBatch(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int eotSamples)
    {
        using var scope = NewDisposeScope();
        var xg = x.detach().requires_grad_(true);
        long[] repeats = [eotSamples, .. Enumerable.Repeat(1L, (int)x.dim() - 1)];
        var loss = nn.functional.cross_entropy(model.forward(xg.repeat(repeats)), y.repeat(eotSamples));
        return autograd.grad([loss], [xg])[0].MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Per-sample loss, its input gradient and the logits, each the mean over <paramref name="eotSamples"/>
    /// independent forward passes (EOT). Every pass draws fresh noise, per sample when the model samples so.
    /// Summing the per-sample losses before differentiating gives every sample its own, unscaled gradient.
    /// </summary>
    public static (Tensor Loss, Tensor Grad, Tensor Logits) OfLoss(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y,
        AttackLoss kind, int eotSamples)
    {
        using var scope = NewDisposeScope();
        var xg = x.detach().requires_grad_(true);
        Tensor? loss = null, grad = null, logits = null;
        for (int k = 0; k < eotSamples; k++)
        {
            using var step = NewDisposeScope();
            var z = model.forward(xg);
            var l = Losses.PerSample(kind, z, y);
            var g = autograd.grad([l.sum()], [xg])[0];
            loss = Accumulate(loss, l.detach());
            grad = Accumulate(grad, g);
            logits = Accumulate(logits, z.detach());
        }
        return (loss!.div_(eotSamples).MoveToOuterDisposeScope(), grad!.div_(eotSamples).MoveToOuterDisposeScope(),
            logits!.div_(eotSamples).MoveToOuterDisposeScope());
    }

    private static Tensor Accumulate(Tensor? sum, Tensor value) =>
        sum is null ? value.clone().MoveToOuterDisposeScope() : sum.add_(value);
}
