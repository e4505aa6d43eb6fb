using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

internal static class InputGradient
{
    /// <summary>
    /// Rows of one batched EOT pass: the copies of x that go through the model together when it draws its noise per
    /// image (<see cref="ModelNoise.DrawsPerImage"/>). On a GPU 1,024, enough to fill it while a ResNet's forward and
    /// backward activations stay within a few GiB. On a CPU 256: there an EOT-10 input gradient of a ResNet-V1(20) on 150
    /// images took the same time in passes of 150 to 600 rows and 1.2–1.5× as long in passes of 900 (its activations no
    /// longer fit the caches; 1 and 2 threads), so larger passes would cost more than the loop they replace.
    /// </summary>
    internal static int EotRowsPerPass(Device device) => device.type == TorchSharp.DeviceType.CUDA ? 1024 : 256;

    /// <summary>How many copies of a batch of <paramref name="n"/> images one pass on <paramref name="device"/> takes, for <paramref name="draws"/> draws in all.</summary>
    internal static int CopiesPerPass(long n, int draws, Device device) => (int)Math.Clamp(EotRowsPerPass(device) / Math.Max(n, 1), 1, draws);

    /// <summary><paramref name="c"/> copies of the batch <paramref name="t"/> stacked along its first dimension (t itself for one).</summary>
    internal static Tensor Copies(Tensor t, int c) => c == 1 ? t : t.repeat([c, .. Enumerable.Repeat(1L, (int)t.dim() - 1)]);

    /// <summary>
    /// ∇ₓ of the mean cross-entropy, averaged over <paramref name="eotSamples"/> stochastic forward passes, or, with
    /// <paramref name="inOneBatch"/>, over <paramref name="eotSamples"/> copies of x in one pass (<see cref="InOneBatch"/>).
    /// Only the input gradient is computed (autograd.grad on x), never the weights' gradients. On a model that draws its
    /// noise per image the passes run as copies of x, <see cref="EotRowsPerPass"/> rows at a time: the same estimator
    /// (independent draws for every copy), fewer and larger forward passes.
    /// </summary>
    public static Tensor OfCrossEntropy(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int eotSamples = 1, bool inOneBatch = false)
    {
        if (inOneBatch) return InOneBatch(model, x, y, eotSamples);
        if (eotSamples > 1 && model.DrawsPerImage())
            return InCopies(model, x, y, eotSamples, (z, yk) => nn.functional.cross_entropy(z, yk, reduction: nn.Reduction.Sum) / (eotSamples * x.shape[0])).Grad;
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
        var loss = nn.functional.cross_entropy(model.forward(Copies(xg, eotSamples)), Copies(y, eotSamples));
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
        if (eotSamples > 1 && model.DrawsPerImage())
        {
            var (perSample, g, z) = InCopies(model, x, y, eotSamples, (zk, yk) => Losses.PerSample(kind, zk, yk));
            return (perSample!.div_(eotSamples), g.div_(eotSamples), z!.div_(eotSamples));
        }
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

    /// <summary>
    /// K = <paramref name="eotSamples"/> stochastic passes taken as copies of x, as many per forward pass as fit in
    /// <see cref="EotRowsPerPass"/> rows: <paramref name="loss"/> maps a pass's logits and labels (c·N rows) to per-row
    /// losses or a scalar. Returns ∇ₓ of the summed loss over all K copies, and, where the loss is per row, each image's
    /// loss and logits summed over the K copies (null for a scalar loss). The caller divides by K.
    /// </summary>
    private static (Tensor? Loss, Tensor Grad, Tensor? Logits) InCopies(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y,
        int eotSamples, Func<Tensor, Tensor, Tensor> loss)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0];
        int perPass = CopiesPerPass(n, eotSamples, x.device);
        var xg = x.detach().requires_grad_(true);
        Tensor? lossSum = null, grad = null, logits = null;
        for (int done = 0; done < eotSamples; done += perPass)
        {
            using var pass = NewDisposeScope();
            int c = Math.Min(perPass, eotSamples - done);
            var z = model.forward(Copies(xg, c));
            var l = loss(z, Copies(y, c));
            var g = autograd.grad([l.dim() == 0 ? l : l.sum()], [xg])[0]; // sums over the copies
            grad = Accumulate(grad, g);
            if (l.dim() == 0) continue;
            lossSum = Accumulate(lossSum, l.detach().view(c, n).sum(dim: 0));
            logits = Accumulate(logits, z.detach().view(c, n, -1).sum(dim: 0));
        }
        return (lossSum?.MoveToOuterDisposeScope(), grad!.MoveToOuterDisposeScope(), logits?.MoveToOuterDisposeScope());
    }

    private static Tensor Accumulate(Tensor? sum, Tensor value) =>
        sum is null ? value.clone().MoveToOuterDisposeScope() : sum.add_(value);
}
