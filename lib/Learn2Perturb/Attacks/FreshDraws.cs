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
        Majority(draws, () => Losses.Margin(model.forward(x), y).lt(-confidence));

    /// <summary>Per sample [N]: the model predicts y in a majority of draws (the images a minimal attack attempts).</summary>
    public static Tensor MajorityCorrect(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int draws) =>
        Majority(draws, () => model.forward(x).argmax(1).eq(y));

    private static Tensor Majority(int draws, Func<Tensor> vote)
    {
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), draws, "success draws must be ≥ 1");
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        Tensor? votes = null;
        for (int d = 0; d < draws; d++)
        {
            var v = vote().to_type(ScalarType.Int32);
            votes = votes is null ? v : votes + v;
        }
        return votes!.mul(2).gt(draws).MoveToOuterDisposeScope();
    }
}
