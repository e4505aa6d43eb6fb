using Learn2Perturb.Attacks;
using Learn2Perturb.Baselines;
using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>
/// EOT draws taken as copies of the batch on a model that draws its noise per image: the same estimator as K separate
/// passes, in fewer passes; and the loop kept wherever copies would change what the draws mean.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class EotInCopiesTests
{
    [Fact]
    public void OnlyPerImageNoiseInEvalModeCountsAsDrawingPerImage()
    {
        using var model = TinyModels.NoisyResNet();
        model.eval();
        Assert.True(model.DrawsPerImage());
        model.SetNoiseSampling(NoiseSampling.SharedAcrossBatch);
        Assert.False(model.DrawsPerImage()); // one draw per pass: copies in one batch would share it
        model.SetNoiseSampling(NoiseSampling.PerSample);
        model.train();
        Assert.False(model.DrawsPerImage()); // train-mode BatchNorm couples the images of a batch
        model.eval();
        using (model.Noise(NoiseMode.Off)) Assert.False(model.DrawsPerImage()); // nothing to draw

        Compute.Seed(1);
        using var pni = DefenseSpec.PniW.Build(ModelSpec.Parse("resnet-v1-8"), InputSpec.FashionMnist);
        pni.eval();
        Assert.True(pni.IsStochastic());
        Assert.False(pni.DrawsPerImage()); // weight noise: one draw per pass for the whole batch
    }

    /// <summary>
    /// θ = 0 with noise on: every draw is multiplied by zero, so each copy is the clean pass and the averages over K
    /// copies must be that pass's loss, gradient and logits. 100 images make a CPU pass of 256 rows hold 2 copies: K = 5
    /// runs as passes of 2, 2 and 1 copies.
    /// </summary>
    [Fact]
    public void CopiesOfAZeroNoiseModelAverageToItsOnePassValues()
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        model.eval();
        using (no_grad()) foreach (var theta in model.ThetaParameters()) theta.zero_();
        Assert.True(model.DrawsPerImage());
        Compute.Seed(2);
        var x = rand(100, 1, 28, 28);
        var y = randint(0, 10, 100);

        var oneCe = InputGradient.OfCrossEntropy(model, x, y, 1);
        var fiveCe = InputGradient.OfCrossEntropy(model, x, y, 5);
        Assert.True(fiveCe.allclose(oneCe, rtol: 1e-3, atol: 1e-8), $"max gap {(fiveCe - oneCe).abs().max().item<float>()}");

        var (oneLoss, oneGrad, oneLogits) = InputGradient.OfLoss(model, x, y, AttackLoss.Dlr, 1);
        var (fiveLoss, fiveGrad, fiveLogits) = InputGradient.OfLoss(model, x, y, AttackLoss.Dlr, 5);
        Assert.Equal(oneLoss.shape, fiveLoss.shape);
        Assert.Equal(oneLogits.shape, fiveLogits.shape);
        Assert.True(fiveLoss.allclose(oneLoss, rtol: 1e-4, atol: 1e-6));
        Assert.True(fiveLogits.allclose(oneLogits, rtol: 1e-4, atol: 1e-5));
        Assert.True(fiveGrad.allclose(oneGrad, rtol: 1e-3, atol: 1e-7));

        Tensor direct;
        using (no_grad()) direct = model.forward(x).argmax(1).eq(y);
        var votes = FreshDraws.MajorityCorrect(model, x, y, 5);
        Assert.Equal([100L], votes.shape);
        Assert.Equal(2, InputGradient.CopiesPerPass(100, 5, CPU));
        Assert.True(votes.eq(direct).all().item<bool>(), "a majority of identical draws is the one-pass decision, image by image");
    }

    /// <summary>
    /// Few-pixel fitness over K draws runs the draws as copies of the population: 100 genomes × 3 draws make passes of
    /// 2 copies and 1 (256 rows a pass on a CPU), not 3. The head ignores its input and always says class 4, so no
    /// candidate fools it and every generation runs: 1 correctness pass (5 copies of one image), (1 + G) fitness
    /// evaluations and 1 final check.
    /// </summary>
    [Fact]
    public void FewPixelFitnessTakesItsDrawsAsCopiesOfThePopulation()
    {
        using var _ = NewDisposeScope();
        var model = TinyModels.NoisyResNet();
        model.eval();
        using (no_grad())
        {
            var head = model.modules().OfType<TorchSharp.Modules.Linear>().Single();
            head.weight!.zero_();
            head.bias!.zero_();
            head.bias![4] = 10;
        }
        var counted = new TinyModels.Counting(model);
        counted.eval();
        Assert.True(counted.DrawsPerImage());
        var x = rand(1, 1, 28, 28);
        var y = tensor(new long[] { 4 });
        const int generations = 2;
        var pixel = new FewPixel(new FewPixelOptions(Population: 100, Iterations: generations, EotSamples: 3, SuccessDraws: 5));
        using (var result = pixel.Perturb(counted, x, y)) Assert.Equal(0, result.SuccessCount);
        Assert.Equal(1 + (1 + generations) * 2 + 1, counted.Passes);
    }

    /// <summary>
    /// The copies' gradient and K separate passes estimate the same expectation: with K = 64 each, their gap is a small
    /// fraction of the gap between two single draws (independent estimates: ≈ 1/8 of it in expectation).
    /// </summary>
    [Fact]
    public void CopiesAndSeparatePassesEstimateTheSameGradient()
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        model.eval();
        Compute.Seed(3);
        var x = rand(6, 1, 28, 28);
        var y = randint(0, 10, 6);
        const int k = 64;

        var copies = InputGradient.OfCrossEntropy(model, x, y, k);
        var separate = zeros_like(x);
        for (int i = 0; i < k; i++) separate.add_(InputGradient.OfCrossEntropy(model, x, y, 1));
        separate.div_(k);
        double single = (InputGradient.OfCrossEntropy(model, x, y, 1) - InputGradient.OfCrossEntropy(model, x, y, 1)).norm().item<float>();
        double gap = (copies - separate).norm().item<float>();

        Assert.True(single > 0, "a noisy model's gradient must change between draws");
        Assert.True(gap < 0.4 * single, $"copies vs separate passes: gap {gap}, two single draws differ by {single}");
    }
}
