using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>
/// Our APGD against a line-by-line C# transcription of AutoAttack's L∞ step and checkpoint rule
/// (<c>autoattack/autopgd_base.py</c>, <c>attack_single_run</c>), on a fixed deterministic model started from x itself.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class ApgdReferenceTests
{
    private const double Epsilon = 0.05;

    [Theory]
    [InlineData(37, AttackLoss.CrossEntropy)]
    [InlineData(37, AttackLoss.Dlr)]
    [InlineData(100, AttackLoss.CrossEntropy)]
    [InlineData(13, AttackLoss.Dlr)]
    public void IteratesAndResultEqualTheReferenceRule(int steps, AttackLoss loss)
    {
        using var _ = NewDisposeScope();
        var (model, allX, allY) = TinyModels.TrainedMlp();
        var (x, y) = (allX[..24], allY[..24]);
        var attack = new Apgd(new ThreatModel(Epsilon), new ApgdOptions(Steps: steps, Loss: loss, EotSamples: 1, RandomStart: false));
        var ours = new List<Tensor>();
        var (adv, fooled) = attack.Attempt(model, x, y, (_, iterate) => ours.Add(iterate.detach().clone().MoveToOuterDisposeScope()));
        var (reference, bestAdv, best, acc) = Reference(model, x, y, steps, loss);

        Assert.Equal(reference.Count, ours.Count);
        for (int i = 0; i < steps; i++)
            Assert.True(ours[i].allclose(reference[i], rtol: 0, atol: 1e-6), $"iterate {i + 1} of {steps} differs");
        Assert.True(fooled.eq(acc.logical_not()).all().item<bool>(), "a different set of samples was fooled");
        Assert.True(fooled.any().item<bool>() && !fooled.all().item<bool>(), $"the test needs fooled and unfooled samples ({fooled.sum().item<long>()} of 24 fooled)");
        // Fooled: the reference's x_best_adv, the latest fooling iterate. Unfooled: the highest-loss point (see Apgd).
        var expected = where(Geometry.PerSample(fooled, x), bestAdv, best);
        Assert.True(adv.allclose(expected, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void LInfRandomStartPutsOnePixelOfEveryImageAtEpsilon()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(3);
        // Zero weights: the input gradient is 0, so no step moves the iterate and APGD returns its start.
        var linear = nn.Linear(16, 3);
        using (no_grad()) linear.weight!.zero_();
        var model = nn.Sequential(nn.Flatten(), linear);
        var x = full(32, 1, 4, 4, 0.5f);
        var y = linear.bias!.argmax().expand(32).clone();
        var start = new Apgd(new ThreatModel(Epsilon), new ApgdOptions(Steps: 3, EotSamples: 1)).Perturb(model, x, y);
        var largest = (start - x).abs().flatten(1).amax([1]);
        Assert.True(largest.allclose(full_like(largest, Epsilon), rtol: 0, atol: 1e-6), $"largest |δ| {largest.min().item<float>()}, expected ε");
    }

    /// <summary>
    /// AutoAttack's attack_single_run for L∞, transcribed: iterates after each step, x_best_adv, x_best and the robust flags.
    /// </summary>
    private static (List<Tensor> Iterates, Tensor BestAdv, Tensor Best, Tensor Acc) Reference(
        nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int nIter, AttackLoss kind)
    {
        int nIter2 = Math.Max((int)(0.22 * nIter), 1), nIterMin = Math.Max((int)(0.06 * nIter), 1);
        int sizeDecr = Math.Max((int)(0.03 * nIter), 1);
        (Tensor Loss, Tensor Grad, Tensor Logits) Evaluate(Tensor at)
        {
            var xg = at.detach().requires_grad_(true);
            var logits = model.forward(xg);
            var lossIndiv = Losses.PerSample(kind, logits, y);
            var g = autograd.grad([lossIndiv.sum()], [xg])[0];
            return (lossIndiv.detach(), g.detach(), logits.detach());
        }
        Tensor Box(Tensor t) => minimum(maximum(t, x - Epsilon), x + Epsilon).clamp(0, 1);
        Tensor Rows(Tensor flags) => Geometry.PerSample(flags, x);

        var xAdv = x.clone().clamp(0, 1);
        var xBest = xAdv.clone();
        var xBestAdv = xAdv.clone();
        var lossSteps = zeros(nIter, x.shape[0]);
        var (lossIndiv, grad, logits) = Evaluate(xAdv);
        var gradBest = grad.clone();
        var acc = logits.argmax(1).eq(y);
        var lossBest = lossIndiv.clone();
        var stepSize = full(x.shape[0], 2 * Epsilon);
        var xAdvOld = xAdv.clone();
        int k = nIter2, counter3 = 0;
        var lossBestLastCheck = lossBest.clone();
        var reducedLastCheck = ones(x.shape[0], dtype: ScalarType.Bool);
        var iterates = new List<Tensor>();
        for (int i = 0; i < nIter; i++)
        {
            var grad2 = xAdv - xAdvOld;
            xAdvOld = xAdv.clone();
            double a = i > 0 ? 0.75 : 1.0;
            var xAdv1 = Box(xAdv + Rows(stepSize) * grad.sign());
            xAdv = Box(xAdv + (xAdv1 - xAdv) * a + grad2 * (1 - a));
            iterates.Add(xAdv.clone());
            (lossIndiv, grad, logits) = Evaluate(xAdv);
            var pred = logits.argmax(1).eq(y);
            acc = acc.logical_and(pred);
            xBestAdv = where(Rows(pred.logical_not()), xAdv, xBestAdv);
            lossSteps[i] = lossIndiv;
            var improved = lossIndiv.gt(lossBest);
            xBest = where(Rows(improved), xAdv, xBest);
            gradBest = where(Rows(improved), grad, gradBest);
            lossBest = where(improved, lossIndiv, lossBest);
            if (++counter3 != k) continue;
            var t = zeros(x.shape[0]);
            for (int c = 0; c < k; c++)
            {
                int before = i - c - 1 < 0 ? nIter + (i - c - 1) : i - c - 1; // Python's negative index
                t += lossSteps[i - c].gt(lossSteps[before]).to_type(ScalarType.Float32);
            }
            var oscillation = t.le(k * 0.75);
            var reduceNoImprovement = reducedLastCheck.logical_not().logical_and(lossBestLastCheck.ge(lossBest));
            oscillation = oscillation.logical_or(reduceNoImprovement);
            reducedLastCheck = oscillation.clone();
            lossBestLastCheck = lossBest.clone();
            stepSize = where(oscillation, stepSize / 2, stepSize);
            xAdv = where(Rows(oscillation), xBest, xAdv);
            grad = where(Rows(oscillation), gradBest, grad);
            k = Math.Max(k - sizeDecr, nIterMin);
            counter3 = 0;
        }
        return (iterates, xBestAdv, xBest, acc);
    }
}
