using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

internal static class InputGradient
{
    /// <summary>
    /// ∇ₓ of the mean cross-entropy, averaged over <paramref name="eotSamples"/> stochastic forward passes.
    /// Only the input gradient is computed (autograd.grad on x), never the weights' gradients.
    /// </summary>
    public static Tensor OfCrossEntropy(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int eotSamples = 1)
    {
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
}
