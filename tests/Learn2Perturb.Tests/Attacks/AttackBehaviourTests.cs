using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>What each attack must achieve, on models whose answer is known (docs/architecture.md §5 "works", "EOT").</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class AttackBehaviourTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EotPgdEqualsPgdOnADeterministicModel(bool l2)
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        model.SetNoise(NoiseMode.Off);
        var threat = l2 ? ThreatModel.L2(0.5) : ThreatModel.Paper;
        var x = rand(4, 1, 28, 28);
        var y = randint(0, 10, 4);
        Compute.Seed(3);
        var plain = new Pgd(threat, new PgdOptions(Steps: 3, StepSize: l2 ? 0.2 : 0.01)).Perturb(model, x, y);
        Compute.Seed(3);
        var eot = new Pgd(threat, new PgdOptions(Steps: 3, StepSize: l2 ? 0.2 : 0.01, EotSamples: 4)).Perturb(model, x, y);
        Assert.True(eot.allclose(plain, rtol: 0, atol: 1e-5), "EOT over identical passes must not change PGD");
    }

    [Fact]
    public void EotGradientsVaryLessWithMoreNoiseDraws()
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        model.eval();
        var x = rand(4, 1, 28, 28);
        var y = randint(0, 10, 4);
        double Spread(int k) => (InputGradient.OfCrossEntropy(model, x, y, k) - InputGradient.OfCrossEntropy(model, x, y, k)).norm().item<float>();
        double one = Spread(1), many = Spread(16);
        Assert.True(one > 0, "a noisy model's gradient must change between draws");
        Assert.True(many < 0.6 * one, $"16 draws should shrink the spread about 4×: {many} vs {one}");
    }

    [Theory]
    [InlineData(NoiseSampling.PerSample, false)]
    [InlineData(NoiseSampling.SharedAcrossBatch, true)]
    public void EachEotDrawIsPerSampleUnlessTheModelSharesItsNoise(NoiseSampling sampling, bool identical)
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        model.SetNoiseSampling(sampling);
        var x = rand(1, 1, 28, 28).expand(2, 1, 28, 28).contiguous(); // the same image twice in one batch
        var y = tensor(new long[] { 3, 3 });
        var (_, grad, _) = InputGradient.OfLoss(model, x, y, AttackLoss.CrossEntropy, eotSamples: 1);
        Assert.Equal(identical, grad[0].allclose(grad[1], rtol: 0, atol: 0));
    }

    [Fact]
    public void L2PgdLowersTheAccuracyOfATrainedModel()
    {
        using var _ = NewDisposeScope();
        var (model, x, y) = TinyModels.TrainedMlp(classes: 10, n: 100);
        Compute.Seed(6);
        var adv = new Pgd(ThreatModel.L2(0.5), new PgdOptions(Steps: 10, StepSize: 0.1)).Perturb(model, x, y);
        Assert.True(TinyModels.Accuracy(model, adv, y) < TinyModels.Accuracy(model, x, y) - 0.3);
    }

    [Fact]
    public void CarliniWagnerFindsTheAnalyticDistanceOfALinearModel()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(1);
        var w = randn(16);
        const double b = 0.3;
        var model = TinyModels.TwoClassLinear(w, b);
        var x = (0.5 + 0.05 * randn(4, 16)).clamp(0, 1);
        var logit = x.matmul(w) + b;
        var y = logit.gt(0).to_type(ScalarType.Int64); // the class the model predicts: the attack must cross w·x + b = 0
        var expected = (logit.abs() / w.norm()).data<float>().ToArray();
        var attack = new CarliniWagnerL2(new CarliniWagnerOptions(InitialC: 1, BinarySearchSteps: 10, Steps: 200, LearningRate: 5e-3));
        using var result = attack.Perturb(model, x.view(4, 1, 4, 4), y);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(result.Success[i], $"sample {i} not fooled");
            Assert.InRange(result.Distance[i], expected[i], expected[i] * 1.05);
        }
        Assert.True(TinyModels.Accuracy(model, result.Adversarial, y) == 0);
    }

    /// <summary>
    /// Same ε, same number of gradient steps. Measured on this MLP, APGD-CE lands within ±3 samples of PGD (a
    /// higher cross-entropy does not always mean a misclassification); APGD-DLR, AutoAttack's second attack, is
    /// never weaker, which is what this test pins.
    /// </summary>
    [Theory]
    [InlineData(3, 0.05)]
    [InlineData(10, 0.05)]
    [InlineData(10, 0.06)]
    public void ApgdIsAtLeastAsStrongAsPgdWithTheSameBudget(int classes, double epsilon)
    {
        using var _ = NewDisposeScope();
        var (model, x, y) = TinyModels.TrainedMlp(classes: classes, n: 100);
        var threat = new ThreatModel(epsilon);
        double clean = TinyModels.Accuracy(model, x, y);
        Compute.Seed(2);
        double pgd = TinyModels.Accuracy(model, new Pgd(threat, new PgdOptions(Steps: 20, StepSize: epsilon / 4)).Perturb(model, x, y), y);
        Compute.Seed(2);
        var apgd = new Apgd(threat, new ApgdOptions(Steps: 20, Loss: AttackLoss.Dlr, EotSamples: 1));
        double apgdAccuracy = TinyModels.Accuracy(model, apgd.Perturb(model, x, y), y);
        Assert.True(clean > 0.9, $"the tiny model did not learn: {clean}");
        Assert.True(pgd < clean - 0.3, $"PGD barely moved accuracy: {pgd} vs clean {clean}");
        Assert.True(apgdAccuracy <= pgd, $"APGD-DLR {apgdAccuracy} weaker than PGD {pgd}");
    }

    [Fact]
    public void ApgdDlrBreaksTheTrainedModel()
    {
        using var _ = NewDisposeScope();
        var (model, x, y) = TinyModels.TrainedMlp();
        Compute.Seed(2);
        var adv = new Apgd(new ThreatModel(0.08), new ApgdOptions(Steps: 20, Loss: AttackLoss.Dlr, EotSamples: 1)).Perturb(model, x, y);
        Assert.True(TinyModels.Accuracy(model, adv, y) < TinyModels.Accuracy(model, x, y) - 0.2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FewPixelChangesAtMostKPixelsAndOnlyAttacksCorrectImages(int k)
    {
        using var _ = NewDisposeScope();
        Compute.Seed(4);
        // Class 1 iff the mean pixel exceeds 0.5: images just above it fall to 1 changed pixel.
        var model = nn.Sequential(nn.Flatten(), new MeanThreshold());
        var x = (0.5 + 0.02 * rand(6, 1, 4, 4)).clamp(0, 1);
        var y = tensor(new long[] { 1, 1, 1, 1, 1, 0 }); // the last is misclassified on purpose
        using var result = new FewPixel(new FewPixelOptions(Pixels: k, Population: 20, Iterations: 30)).Perturb(model, x, y);
        var changed = result.Adversarial.ne(x).any(1).flatten(1).sum(1).data<long>().ToArray();
        Assert.All(changed, c => Assert.InRange(c, 0, k));
        Assert.Equal([true, true, true, true, true, false], result.Attempted);
        Assert.False(result.Success[5]);
        Assert.Equal(100.0, result.SuccessRate);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(changed[i], result.Distance[i]));
    }

    [Fact]
    public void TransferAttacksCraftOnTheSourceNotTheTarget()
    {
        using var _ = NewDisposeScope();
        using var source = TinyModels.NoisyResNet(seed: 21);
        using var target = TinyModels.NoisyResNet(seed: 22);
        source.SetNoise(NoiseMode.Off);
        var x = rand(3, 1, 28, 28);
        var y = randint(0, 10, 3);
        var inner = new Pgd(ThreatModel.Paper, new PgdOptions(Steps: 2, RandomStart: false));
        var transferred = new TransferAttack(source, inner, "v1-8").Perturb(target, x, y);
        Assert.True(transferred.Identical(inner.Perturb(source, x, y)));
        Assert.False(new TransferAttack(source, inner).Description.UsesGradients);
    }

    [Fact]
    public void DlrLossMatchesItsDefinition()
    {
        using var _ = NewDisposeScope();
        var logits = tensor(new float[] { 3, 1, 0, -1, 2, 5, 4, 0 }).view(2, 4);
        var loss = Losses.PerSample(AttackLoss.Dlr, logits, tensor(new long[] { 0, 2 })).data<float>().ToArray();
        Assert.Equal(-(3 - 1) / (3.0 - 0), loss[0], 5);   // sorted 3,1,0,−1
        Assert.Equal(-(4 - 5) / (5.0 - 2), loss[1], 5);   // sorted 5,4,2,0
        Assert.Throws<ArgumentException>(() => Losses.PerSample(AttackLoss.Dlr, zeros(1, 2), tensor(new long[] { 0 })));
    }

    private sealed class MeanThreshold() : nn.Module<Tensor, Tensor>("mean-threshold")
    {
        public override Tensor forward(Tensor flat)
        {
            var s = (flat.mean([1]) - 0.5) * 100;
            return stack([-s, s], 1);
        }
    }
}
