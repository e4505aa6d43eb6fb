using Learn2Perturb.Core;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// Carlini–Wagner L2 (Carlini &amp; Wagner, S&amp;P 2017; docs/method.md §5), written from the paper's description: the image
/// is reparameterised as x' = Min + (Max − Min)(tanh(w) + 1)/2, so the box holds by construction, and Adam minimises
/// ‖x' − x‖₂² + c · max(z_y − max_{i≠y} z_i, −κ) over w. A binary search per sample finds the smallest c that
/// succeeds (×10 while none has). During a round a point qualifies when its margin z_y − max_{i≠y} z_i is below −κ
/// (for a stochastic model: the margin of the EOT-averaged logits); at the end of the round the closest qualifying point
/// is a success only if its margin is below −κ in a majority of <see cref="CarliniWagnerOptions.SuccessDraws"/> fresh
/// draws, and only such verified successes steer the search. The closest of them is a success only if another
/// majority of fresh draws confirms it (drawn after the search chose it, so the choice does not favour lucky draws). With
/// <see cref="CarliniWagnerOptions.CorrectOnly"/> only images a majority of fresh draws classify correctly are
/// attacked; the others are reported as not attempted.
/// </summary>
public sealed class CarliniWagnerL2 : IMinimalAttack
{
    // atanh(±1) is infinite: pixels at the box edges are pulled in by this factor before the change of variable.
    private const double EdgeShrink = 0.999999;
    private const double Beta1 = 0.9, Beta2 = 0.999, AdamEpsilon = 1e-8;

    public CarliniWagnerL2(CarliniWagnerOptions options, double min = 0, double max = 1)
    {
        options.Validate();
        new ThreatModel(0, min, max).Validate();
        Options = options;
        Min = min;
        Max = max;
    }

    public CarliniWagnerOptions Options { get; }

    public double Min { get; }

    public double Max { get; }

    /// <summary>
    /// "CW-L2-k0-9x100" (κ, since the paper sweeps it, and the budget: binary-search rounds × Adam steps per round),
    /// "CW-L2-k0-9x10000-abort" (early abort), "CW-L2-k0-5x50-EOT3".
    /// </summary>
    public string Name => $"CW-L2-k{Options.Confidence:0.###}-{Options.BinarySearchSteps}x{Options.Steps}"
        + (Options.AbortEarly ? "-abort" : "") + (Options.EotSamples > 1 ? $"-EOT{Options.EotSamples}" : "");

    public AttackDescription Description => new(Options.EotSamples, RandomStart: false);

    public int SuccessDraws => Options.SuccessDraws;

    public MinimalResult Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var mode = model.EvalMode();
        var draws = MinimalDraws.For(model, x, Options.EotSamples, Options.SuccessDraws);
        if (!Options.CorrectOnly) return Attack(model, x, y, draws);
        using var scope = NewDisposeScope();
        bool[] attempted;
        attempted = FreshDraws.MajorityCorrect(model, x, y, draws.Success).cpu().data<bool>().ToArray();
        int n = attempted.Length;
        var index = tensor(Enumerable.Range(0, n).Where(i => attempted[i]).Select(i => (long)i).ToArray(), device: x.device);
        var success = new bool[n];
        var distance = Enumerable.Repeat(double.NaN, n).ToArray();
        var adv = x.detach().clone();
        if (index.shape[0] > 0)
        {
            using var found = Attack(model, x.index_select(0, index), y.index_select(0, index), draws);
            adv.index_copy_(0, index, found.Adversarial);
            int k = 0; // the position of sample i within the attacked subset
            for (int i = 0; i < n; i++)
            {
                if (!attempted[i]) continue;
                success[i] = found.Success[k];
                distance[i] = found.Distance[k++];
            }
        }
        return new MinimalResult(adv.MoveToOuterDisposeScope(), success, distance, attempted, "L2");
    }

    /// <summary>The attack on every sample of x: the closest success per sample over the binary search.</summary>
    private MinimalResult Attack(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, MinimalDraws draws)
    {
        using var scope = NewDisposeScope();
        int n = (int)x.shape[0];
        var w0 = ((x - Min) / (Max - Min) * 2 - 1).mul_(EdgeShrink).atanh_();
        var bestDistance = full(n, double.PositiveInfinity, dtype: ScalarType.Float64, device: x.device);
        var bestAdv = x.detach().clone();
        var search = new CSearch(n, Options.InitialC);
        for (int round = 0; round < Options.BinarySearchSteps; round++)
        {
            using var roundScope = NewDisposeScope();
            var c = tensor(search.C, dtype: x.dtype, device: x.device);
            var succeeded = Optimise(model, x, y, w0, c, bestDistance, bestAdv, draws);
            search.Update(succeeded.cpu().data<bool>().ToArray());
        }
        // The search chose bestAdv on draws it saw; whether it fools the model is decided on new ones.
        var confirmed = bestDistance.isfinite() & FreshDraws.MajorityFooled(model, bestAdv, y, draws.Success, Options.Confidence);
        var success = confirmed.cpu().data<bool>().ToArray();
        var distances = bestDistance.cpu().data<double>().ToArray();
        var reported = distances.Select((d, i) => success[i] ? d : double.NaN).ToArray();
        return new MinimalResult(bestAdv.MoveToOuterDisposeScope(), success, reported, Enumerable.Repeat(true, n).ToArray(), "L2");
    }

    /// <summary>
    /// One round of Adam at fixed c. Its closest qualifying point per sample is verified on fresh draws; verified points
    /// closer than the best so far replace it (in place). Returns who succeeded, verified.
    /// </summary>
    private Tensor Optimise(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor w0, Tensor c, Tensor bestDistance, Tensor bestAdv, MinimalDraws draws)
    {
        var w = w0.clone();
        var m = zeros_like(w);
        var v = zeros_like(w);
        var roundDistance = full_like(bestDistance, double.PositiveInfinity);
        var roundAdv = x.detach().clone();
        int abortCheck = Math.Max(Options.Steps / 10, 1);
        double previousLoss = double.PositiveInfinity;
        for (int t = 1; t <= Options.Steps; t++)
        {
            using var step = NewDisposeScope();
            var wg = w.detach().requires_grad_(true);
            var adv = ToPixels(wg);
            var squared = (adv - x).square().flatten(1).sum(1);
            var margin = MeanMargin(model, adv, y, draws.Eot);
            var loss = (squared + c * margin.clamp_min(-Options.Confidence)).sum();
            var g = autograd.grad([loss], [wg])[0];
            // Carlini and Wagner's early abort: every tenth of the round, stop unless the loss fell by 0.01 %.
            if (Options.AbortEarly && (t - 1) % abortCheck == 0)
            {
                double current = loss.item<float>();
                if (current > previousLoss * 0.9999) break;
                previousLoss = current;
            }
            using (no_grad())
            {
                var distance = squared.sqrt().to_type(ScalarType.Float64);
                var closer = margin.lt(-Options.Confidence) & distance.lt(roundDistance);
                roundDistance.copy_(where(closer, distance, roundDistance));
                roundAdv.copy_(where(Geometry.PerSample(closer, x), adv.detach(), roundAdv));
                AdamStep(w, m, v, g, t);
            }
        }
        var verified = roundDistance.isfinite() & FreshDraws.MajorityFooled(model, roundAdv, y, draws.Success, Options.Confidence);
        using (no_grad())
        {
            var better = verified & roundDistance.lt(bestDistance);
            bestDistance.copy_(where(better, roundDistance, bestDistance));
            bestAdv.copy_(where(Geometry.PerSample(better, x), roundAdv, bestAdv));
        }
        return verified;
    }

    private static Tensor MeanMargin(nn.Module<Tensor, Tensor> model, Tensor adv, Tensor y, int eot)
    {
        var sum = Losses.Margin(model.forward(adv), y);
        for (int k = 1; k < eot; k++) sum = sum + Losses.Margin(model.forward(adv), y);
        return eot > 1 ? sum / eot : sum;
    }

    private Tensor ToPixels(Tensor w) => (w.tanh() + 1) * ((Max - Min) / 2) + Min;

    /// <summary>Adam (Kingma &amp; Ba) on w, in place, with bias correction at step t (counted from 1).</summary>
    private void AdamStep(Tensor w, Tensor m, Tensor v, Tensor g, int t)
    {
        m.mul_(Beta1).add_(g, alpha: 1 - Beta1);
        v.mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
        var mHat = m / (1 - Math.Pow(Beta1, t));
        var vHat = v / (1 - Math.Pow(Beta2, t));
        w.sub_(mHat.div_(vHat.sqrt_().add_(AdamEpsilon)).mul_(Options.LearningRate));
    }
}
