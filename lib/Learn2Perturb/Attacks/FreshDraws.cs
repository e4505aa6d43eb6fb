using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// Decisions of the minimal attacks taken on fresh noise draws, never on the pass the search itself saw: a sample is
/// decided by a majority of <c>draws</c> new forward passes (more than half of them must agree). On a deterministic
/// model every pass agrees, so this is the one-pass decision.
/// </summary>
internal static class FreshDraws
{
    /// <summary>Per sample [N]: the margin z_y − max_{i≠y} z_i is below −<paramref name="confidence"/> in a majority of draws.</summary>
    public static Tensor MajorityFooled(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int draws, double confidence = 0) =>
        Majority(model, x, y, draws, (z, yk) => Losses.Margin(z, yk).lt(-confidence));

    /// <summary>Per sample [N]: the model predicts y in a majority of draws (the images a minimal attack attempts).</summary>
    public static Tensor MajorityCorrect(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int draws) =>
        Majority(model, x, y, draws, (z, yk) => z.argmax(1).eq(yk));

    /// <summary>
    /// Counts each image's votes over <paramref name="draws"/> forward passes; on a model that draws its noise per image
    /// the passes run as copies of x, as many at once as <see cref="InputGradient.EotRowsPerPass"/> allows.
    /// </summary>
    private static Tensor Majority(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int draws, Func<Tensor, Tensor, Tensor> vote)
    {
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), draws, "success draws must be ≥ 1");
        using var scope = NewDisposeScope();
        long n = x.shape[0];
        int perPass = draws > 1 && model.DrawsPerImage() ? InputGradient.CopiesPerPass(n, draws, x.device) : 1;
        Tensor majority;
        using (inference_mode()) // prediction only: no autograd bookkeeping at all
        {
            Tensor? votes = null;
            for (int done = 0; done < draws; done += perPass)
            {
                int c = Math.Min(perPass, draws - done);
                var z = model.forward(InputGradient.Copies(x, c));
                var v = vote(z, InputGradient.Copies(y, c)).to_type(ScalarType.Int32).view(c, n).sum(dim: 0);
                votes = votes is null ? v : votes + v;
            }
            majority = votes!.mul(2).gt(draws);
        }
        return majority.clone().MoveToOuterDisposeScope(); // a normal tensor: inference tensors are read-only outside that mode
    }
}
