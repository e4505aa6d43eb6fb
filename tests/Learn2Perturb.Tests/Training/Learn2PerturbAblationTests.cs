using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Tests.Baselines;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Training;

/// <summary>The Learn2Perturb ablation switches of docs/method.md §7 and the L2P-R guess of §4.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class Learn2PerturbAblationTests
{
    private static readonly TrainingOptions Options = TinyModels.OneStep with
    {
        LearningRate = 0.1, AdversarialDelay = 5, Regularizer = new NoiseRegularizer(Gamma: 0.01),
    };

    /// <summary>θ after one trainer step of <paramref name="spec"/>, and θ after Algorithm 1's printed step on γ·g alone.</summary>
    private static (Tensor[] Trained, Tensor[] RegularizerOnly) OneThetaStep(DefenseSpec spec)
    {
        Compute.Seed(41);
        using var model = spec.Build(TinyModels.Spec, TinyModels.Input);
        var reference = model.ThetaParameters().Select(t => nn.Parameter(t.detach().clone())).ToArray();
        var gradients = autograd.grad([Options.Regularizer.Penalty(reference, noisyEpoch: 1)], reference);
        using (no_grad())
            foreach (var (t, g) in reference.Zip(gradients)) t.sub_(g).clamp_(min: PerturbationInjection.DefaultThetaMin);
        using var trainer = spec.CreateTrainer(model, Options);
        var (x, y) = TinyModels.Batch();
        trainer.TrainBatch(x, y, epoch: 0);
        return (TinyModels.Snapshot(model.ThetaParameters()), TinyModels.Snapshot(reference));
    }

    [Fact]
    public void Learn2PerturbRMovesThetaByTheRegulariserAlone()
    {
        using var _ = NewDisposeScope();
        var (trained, expected) = OneThetaStep(DefenseSpec.Learn2PerturbR);
        Assert.All(trained.Zip(expected), p => Assert.True(p.First.allclose(p.Second, rtol: 0, atol: 1e-7), "L reached θ"));
        Assert.True(trained[0].gt(0.25f).all().item<bool>(), "the regulariser alone must raise θ");
        // The same step for Learn2Perturb proper differs: there L's gradient reaches θ as well.
        var (full, regularizerOnly) = OneThetaStep(DefenseSpec.Learn2Perturb);
        Assert.False(full.Zip(regularizerOnly).All(p => p.First.allclose(p.Second, rtol: 0, atol: 1e-7)));
    }

    /// <summary>
    /// Algorithm 1 as printed: γ·∇θg is subtracted as it is, whatever the learning rate. One step with γ and one with
    /// γ = 0 from the same seed see the same noise and the same L, so θ differs by exactly −γ·∇g(θ0) = γ/(2√θ0) (τ = 1
    /// in the first noisy epoch), at lr 0.1 as at lr 0.001. The reference code's reading scales it by lr·(1 + momentum).
    /// </summary>
    [Theory]
    [InlineData(0.1, UpdateScheme.Algorithm1, 1.0)]
    [InlineData(0.001, UpdateScheme.Algorithm1, 1.0)]
    [InlineData(0.1, UpdateScheme.Algorithm1ThroughOptimizer, 0.1 * 1.9)]
    [InlineData(0.001, UpdateScheme.Algorithm1ThroughOptimizer, 0.001 * 1.9)]
    public void ThetaStepOfTheRegulariserMatchesAHandComputation(double lr, UpdateScheme scheme, double scale)
    {
        using var _ = NewDisposeScope();
        const double gamma = 0.002, theta0 = 0.25;
        Tensor ThetaAfterOneStep(double g)
        {
            Compute.Seed(43);
            var spec = DefenseSpec.Learn2Perturb with { Perturbation = new PerturbationOptions(Theta0: theta0) };
            using var model = spec.Build(TinyModels.Spec, TinyModels.Input);
            var options = Options with { LearningRate = lr, Scheme = scheme, Regularizer = new NoiseRegularizer(Gamma: g) };
            using var trainer = spec.CreateTrainer(model, options);
            var (x, y) = TinyModels.Batch();
            trainer.TrainBatch(x, y, epoch: 0);
            return model.ThetaParameters()[0].detach().clone();
        }
        var step = ThetaAfterOneStep(gamma) - ThetaAfterOneStep(0);
        double expected = scale * gamma / (2 * Math.Sqrt(theta0)); // −γ·∂g/∂θ = γ/(2√θ0), the first Nesterov step is (1 + m)·lr·∇
        Assert.True(step.allclose(full_like(step, expected), rtol: 1e-3, atol: 1e-7),
            $"θ step {step.mean().item<float>()}, expected {expected}");
    }

    [Fact]
    public void AnnealingNoneMeansNoPenaltyAndNoGradientWhateverGamma()
    {
        using var _ = NewDisposeScope();
        var theta = nn.Parameter(tensor(new float[] { 0f, 0.25f, 1f }));
        var penalty = new NoiseRegularizer(Gamma: 1, Annealing.None).Penalty([theta], noisyEpoch: 3);
        Assert.Equal(0f, penalty.item<float>());
        penalty.backward();
        Assert.True(theta.grad!.eq(0).all().item<bool>(), "no regulariser must mean a zero gradient (no NaN at θ = 0)");
        Assert.NotEqual(0f, new NoiseRegularizer(Gamma: 1, Annealing.Constant).Penalty([theta], 3).item<float>());
    }

    [Fact]
    public void Theta0ThetaMinAndSamplingArePlumbedFromTheSpecToTheModules()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(42);
        var spec = DefenseSpec.Learn2Perturb with
        {
            Perturbation = new PerturbationOptions(Theta0: 0.3, ThetaMin: 0.29, Sampling: NoiseSampling.SharedAcrossBatch),
        };
        using var model = spec.Build(TinyModels.Spec, TinyModels.Input);
        var modules = model.PerturbationModules();
        Assert.All(modules, m => Assert.True(m.Theta.eq(0.3f).all().item<bool>()));
        Assert.All(modules, m => Assert.Equal(0.29, m.ThetaMin));
        Assert.All(modules, m => Assert.Equal(NoiseSampling.SharedAcrossBatch, m.Sampling));
        // A large step on L alone (γ = 0) pulls many θ below θmin: the projection must hold them at θmin.
        using var trainer = spec.CreateTrainer(model, Options with { LearningRate = 5, Regularizer = new NoiseRegularizer(Gamma: 0) });
        var (x, y) = TinyModels.Batch();
        trainer.TrainBatch(x, y, epoch: 0);
        float min = model.ThetaParameters().Min(t => t.min().item<float>());
        Assert.Equal(0.29f, min, 6);
    }

    [Theory]
    [InlineData("l2p")]
    [InlineData("pni-wa")]
    [InlineData("adv-bnn")]
    public void TestTimeNoiseOffMakesEvaluationDeterministicAndIsRestoredAfterwards(string name)
    {
        using var _ = NewDisposeScope();
        var spec = DefenseSpec.Parse(name) with { TestTimeNoise = NoiseMode.Off };
        using var model = spec.Build(TinyModels.Spec, TinyModels.Input);
        model.eval();
        var (x, _) = TinyModels.Batch();
        using (spec.EvaluationNoise(model))
        {
            Assert.False(model.IsStochastic());
            Assert.True(model.forward(x).Identical(model.forward(x)));
        }
        Assert.True(model.IsStochastic());
        Assert.False(model.forward(x).Identical(model.forward(x)));
    }
}
