using Learn2Perturb.Core;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// Carlini–Wagner L2 (Carlini &amp; Wagner, S&amp;P 2017; PAPER.md §5), written from the paper's description: the image
/// is reparameterised as x' = Min + (Max − Min)(tanh(w) + 1)/2, so the box holds by construction, and Adam minimises
/// ‖x' − x‖₂² + c · max(z_y − max_{i≠y} z_i, −κ) over w. A binary search per sample finds the smallest c that
/// succeeds (×10 while none has). A sample succeeds when its margin z_y − max_{i≠y} z_i falls below −κ (for a
/// stochastic model: the margin of the EOT-averaged logits); the closest success is returned. With
/// <see cref="CarliniWagnerOptions.CorrectOnly"/> only correctly classified images are attacked; the others are
/// reported as not attempted.
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

    /// <summary>"CW-L2-k0" (κ in the name, since the paper sweeps it), "CW-L2-k0-EOT10".</summary>
    public string Name => $"CW-L2-k{Options.Confidence:0.###}" + (Options.EotSamples > 1 ? $"-EOT{Options.EotSamples}" : "");

    public AttackDescription Description => new(Options.EotSamples, RandomStart: false);

    public MinimalResult Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var mode = model.EvalMode();
        if (!Options.CorrectOnly) return Attack(model, x, y);
        using var scope = NewDisposeScope();
        bool[] attempted;
        using (no_grad()) attempted = model.forward(x).argmax(1).eq(y).cpu().data<bool>().ToArray();
        int n = attempted.Length;
        var index = tensor(Enumerable.Range(0, n).Where(i => attempted[i]).Select(i => (long)i).ToArray(), device: x.device);
        var success = new bool[n];
        var distance = Enumerable.Repeat(double.NaN, n).ToArray();
        var adv = x.detach().clone();
        if (index.shape[0] > 0)
        {
            using var found = Attack(model, x.index_select(0, index), y.index_select(0, index));
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
    private MinimalResult Attack(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
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
            var succeeded = Optimise(model, x, y, w0, c, bestDistance, bestAdv);
            search.Update(succeeded.cpu().data<bool>().ToArray());
        }
        var distances = bestDistance.cpu().data<double>().ToArray();
        var success = distances.Select(double.IsFinite).ToArray();
        var reported = distances.Select(d => double.IsFinite(d) ? d : double.NaN).ToArray();
        return new MinimalResult(bestAdv.MoveToOuterDisposeScope(), success, reported, Enumerable.Repeat(true, n).ToArray(), "L2");
    }

    /// <summary>One round of Adam at fixed c; updates the best distances and points in place; returns who succeeded.</summary>
    private Tensor Optimise(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor w0, Tensor c, Tensor bestDistance, Tensor bestAdv)
    {
        var w = w0.clone();
        var m = zeros_like(w);
        var v = zeros_like(w);
        var succeeded = zeros(x.shape[0], dtype: ScalarType.Bool, device: x.device);
        for (int t = 1; t <= Options.Steps; t++)
        {
            using var step = NewDisposeScope();
            var wg = w.detach().requires_grad_(true);
            var adv = ToPixels(wg);
            var squared = (adv - x).square().flatten(1).sum(1);
            var margin = MeanMargin(model, adv, y);
            var loss = (squared + c * margin.clamp_min(-Options.Confidence)).sum();
            var g = autograd.grad([loss], [wg])[0];
            using (no_grad())
            {
                var better = margin.lt(-Options.Confidence) & squared.sqrt().to_type(ScalarType.Float64).lt(bestDistance);
                bestDistance.copy_(where(better, squared.sqrt().to_type(ScalarType.Float64), bestDistance));
                bestAdv.copy_(where(Geometry.PerSample(better, x), adv.detach(), bestAdv));
                succeeded.logical_or_(margin.lt(-Options.Confidence));
                AdamStep(w, m, v, g, t);
            }
        }
        return succeeded;
    }

    private Tensor MeanMargin(nn.Module<Tensor, Tensor> model, Tensor adv, Tensor y)
    {
        var sum = Losses.Margin(model.forward(adv), y);
        for (int k = 1; k < Options.EotSamples; k++) sum = sum + Losses.Margin(model.forward(adv), y);
        return Options.EotSamples > 1 ? sum / Options.EotSamples : sum;
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
