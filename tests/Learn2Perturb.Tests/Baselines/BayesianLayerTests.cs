using Learn2Perturb.Baselines;
using Learn2Perturb.Core;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Baselines;

[Collection(TorchRandomCollection.Name)]
public sealed class BayesianLayerTests
{
    [Fact]
    public void ConvSamplesWeightsEvenInEvalModeAndUsesThePosteriorMeanWhenOff()
    {
        using var _ = NewDisposeScope();
        using var conv = new BayesianConv2d(2, 3, 3, 1, 1, new BayesianOptions());
        conv.eval();
        var x = rand(4, 2, 5, 5);
        Assert.False(conv.forward(x).Identical(conv.forward(x)), "two forward passes drew the same weights");
        conv.Mode = NoiseMode.Off;
        var mean = nn.functional.conv2d(x, conv.Posterior[0], null, strides: [1, 1], padding: [1, 1]);
        Assert.True(conv.forward(x).Identical(conv.forward(x)));
        Assert.True(conv.forward(x).allclose(mean, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void LinearSamplesWeightAndBias()
    {
        using var _ = NewDisposeScope();
        using var linear = new BayesianLinear(6, 3, new BayesianOptions(InitialSigma: 0.1));
        var x = zeros(2, 6); // only the bias reaches the output: it must be random too
        Assert.False(linear.forward(x).Identical(linear.forward(x)));
        linear.Mode = NoiseMode.Off;
        Assert.True(linear.forward(x).Identical(linear.forward(x)));
    }

    [Fact]
    public void KlIsZeroWhenThePosteriorIsThePriorAndPositiveOtherwise()
    {
        using var _ = NewDisposeScope();
        var options = new BayesianOptions(PriorSigma: 0.2);
        using var conv = new BayesianConv2d(2, 3, 3, 1, 1, options);
        Assert.True(conv.KlDivergence().item<float>() > 0);
        using (no_grad())
        {
            conv.Posterior[0].zero_();
            conv.Posterior[1].fill_(Math.Log(0.2));
        }
        Assert.Equal(0, conv.KlDivergence().item<float>(), 4);
        using (no_grad()) conv.Posterior[1].fill_(Math.Log(0.3)); // μ = 0 but σ ≠ σ0
        Assert.True(conv.KlDivergence().item<float>() > 1e-3);
    }

    [Fact]
    public void KlMatchesTheClosedFormOnATinyLayer()
    {
        using var _ = NewDisposeScope();
        const double prior = 0.1;
        using var linear = new BayesianLinear(2, 1, new BayesianOptions(PriorSigma: prior));
        double[] mu = [0.3, -0.2, 0.1], sigma = [0.05, 0.2, 0.1]; // weight (2), then bias (1)
        using (no_grad())
        {
            linear.Posterior[0].copy_(tensor(new float[] { 0.3f, -0.2f }).reshape(1, 2));
            linear.Posterior[1].copy_(tensor(new float[] { (float)Math.Log(0.05), (float)Math.Log(0.2) }).reshape(1, 2));
            linear.Posterior[2].copy_(tensor(new float[] { 0.1f }));
            linear.Posterior[3].copy_(tensor(new float[] { (float)Math.Log(0.1) }));
        }
        double expected = mu.Zip(sigma).Sum(p =>
            Math.Log(prior / p.Second) + (p.Second * p.Second + p.First * p.First) / (2 * prior * prior) - 0.5);
        Assert.Equal(expected, linear.KlDivergence().item<float>(), 4);
    }

    [Fact]
    public void PosteriorReceivesGradientsAndChangesAfterATrainingStep()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(21);
        var spec = DefenseSpec.AdvBnn with { Bayesian = new BayesianOptions(KlWeight: 1e-3) };
        using var model = spec.Build(TinyModels.Spec, TinyModels.Input);
        var posterior = model.BayesianLayers().SelectMany(l => l.Posterior).ToList();
        var before = TinyModels.Snapshot(posterior);
        using var trainer = spec.CreateTrainer(model, TinyModels.OneStep with { LearningRate = 0.1 });
        var (x, y) = TinyModels.Batch();
        trainer.TrainBatch(x, y, epoch: 0);
        Assert.All(posterior, p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, "μ or log σ got no gradient"));
        Assert.True(TinyModels.AllDiffer(posterior, before), "some μ or log σ did not move after a training step");
    }

    [Fact]
    public void TheTrainerAddsTheWeightedKlToTheLoss()
    {
        using var _ = NewDisposeScope();
        const double weight = 1e-3;
        var options = TinyModels.OneStep with { AdversarialDelay = 5 }; // clean loss only: the same draws give the same CE
        var (x, y) = TinyModels.Batch();
        double Loss(double klWeight, out double kl)
        {
            Compute.Seed(22);
            var model = DefenseSpec.AdvBnn.Build(TinyModels.Spec, TinyModels.Input);
            kl = model.KlDivergence().item<float>();
            using var trainer = new Trainer(model, DefenseSpec.AdvBnn with { Bayesian = new BayesianOptions(KlWeight: klWeight) }, options);
            Compute.Seed(23);
            double loss = trainer.TrainBatch(x, y, epoch: 0).Loss;
            model.Dispose();
            return loss;
        }
        double without = Loss(0, out double kl0), with = Loss(weight, out double kl1);
        Assert.Equal(kl0, kl1);
        Assert.True(kl0 > 0);
        double expected = without + weight * kl0; // float32 losses: compare relatively
        Assert.True(Math.Abs(with - expected) < 1e-4 * Math.Abs(expected), $"loss {with}, expected CE {without} + {weight}·KL {kl0}");
    }

    [Fact]
    public void KlWeightDefaultsToOneOverTheTrainingSetSize()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(24);
        using var model = DefenseSpec.AdvBnn.Build(TinyModels.Spec, TinyModels.Input);
        using var trainer = DefenseSpec.AdvBnn.CreateTrainer(model, TinyModels.OneStep with { AdversarialDelay = 5 });
        var (x, y) = TinyModels.Batch();
        Assert.Throws<InvalidOperationException>(() => trainer.TrainBatch(x, y, 0));
        using var data = new Learn2Perturb.Data.TensorDataset("tiny", x, y, 10);
        trainer.Fit(data);
        Assert.Equal(1.0 / 8, trainer.KlWeight);
    }

    [Theory]
    [InlineData(0.0, 0.01, "PriorSigma")]
    [InlineData(0.1, -1.0, "InitialSigma")]
    public void InvalidOptionsAreRejectedByName(double prior, double initial, string field)
    {
        var e = Assert.ThrowsAny<ArgumentException>(new BayesianOptions(prior, initial).Validate);
        Assert.Equal(field, e.ParamName);
    }
}
