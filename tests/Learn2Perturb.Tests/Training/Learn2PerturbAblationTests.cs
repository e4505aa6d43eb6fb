using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Tests.Baselines;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Training;

/// <summary>The Learn2Perturb ablation switches of PAPER.md §7 and the L2P-R guess of §4.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class Learn2PerturbAblationTests
{
    private static readonly TrainingOptions Options = TinyModels.OneStep with
    {
        LearningRate = 0.1, AdversarialDelay = 5, Regularizer = new NoiseRegularizer(Gamma: 0.01),
    };

    /// <summary>θ after one trainer step of <paramref name="spec"/>, and θ after one step of the same optimiser on γ·g alone.</summary>
    private static (Tensor[] Trained, Tensor[] RegularizerOnly) OneThetaStep(DefenseSpec spec)
    {
        Compute.Seed(41);
        using var model = spec.Build(TinyModels.Spec, TinyModels.Input);
        var reference = model.ThetaParameters().Select(t => nn.Parameter(t.detach().clone())).ToArray();
        using (var optimizer = optim.SGD(reference, Options.LearningRate, Options.Momentum, nesterov: true))
        {
            Options.Regularizer.Penalty(reference, noisyEpoch: 1).backward();
            optimizer.step();
        }
        using (no_grad()) foreach (var t in reference) t.clamp_(min: PerturbationInjection.DefaultThetaMin);
        using var trainer = spec.CreateTrainer(model, Options);
        var (x, y) = TinyModels.Batch();
        trainer.TrainBatch(x, y, epoch: 0);
        return (TinyModels.Snapshot(model.ThetaParameters()), TinyModels.Snapshot(reference));
    }

    [Fact]
    public void Learn2PerturbRMovesThetaByTheRegulariserAlone()
    {
        using var _ = NewDisposeScope();
        var (trained, expected) = OneThetaStep(DefenseSpecs.Learn2PerturbR);
        Assert.All(trained.Zip(expected), p => Assert.True(p.First.allclose(p.Second, rtol: 0, atol: 1e-7), "L reached θ"));
        Assert.True(trained[0].gt(0.25f).all().item<bool>(), "the regulariser alone must raise θ");
        // The same step for Learn2Perturb proper differs: there L's gradient reaches θ as well.
        var (full, regularizerOnly) = OneThetaStep(DefenseSpecs.Learn2Perturb);
        Assert.False(full.Zip(regularizerOnly).All(p => p.First.allclose(p.Second, rtol: 0, atol: 1e-7)));
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
        var spec = DefenseSpecs.Learn2Perturb with
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
        var spec = DefenseSpecs.Parse(name) with { TestTimeNoise = NoiseMode.Off };
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
