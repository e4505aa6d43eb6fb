using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class AlternatingUpdateTests
{
    private static Tensor[] Snapshot(IEnumerable<TorchSharp.Modules.Parameter> ps) => ps.Select(p => p.detach().clone()).ToArray();

    private static bool Same(IEnumerable<TorchSharp.Modules.Parameter> ps, Tensor[] before) =>
        ps.Zip(before).All(pair => pair.First.Identical(pair.Second));

    [Fact]
    public void EachHalfOfTheUpdateLeavesTheFrozenSideUnchanged()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(3);
        using var model = ModelFactory.Create(ModelSpec.Parse("resnet-v1-8"), InputSpec.FashionMnist, new PerturbationOptions());
        using var update = new AlternatingUpdate(model, new TrainingOptions());
        var weights = model.WeightParameters();
        var thetas = model.ThetaParameters();
        Assert.Equal(model.parameters().Count(), weights.Count + thetas.Count);

        var loss = nn.functional.cross_entropy(model.forward(rand(8, 1, 28, 28)), randint(0, 10, 8))
                   + new NoiseRegularizer().Penalty(thetas, 1);
        update.ZeroGrad();
        loss.backward();

        var w0 = Snapshot(weights);
        var t0 = Snapshot(thetas);
        update.StepWeights();
        Assert.True(Same(thetas, t0), "the W step changed θ");
        Assert.False(Same(weights, w0), "the W step did not change W");

        var w1 = Snapshot(weights);
        update.StepTheta();
        Assert.True(Same(weights, w1), "the θ step changed W");
        Assert.False(Same(thetas, t0), "the θ step did not change θ");
        Assert.All(thetas, t => Assert.True(t.min().item<float>() >= PerturbationInjection.DefaultThetaMin));
    }

    [Fact]
    public void WeightsAndThetaArePartitionedByReferenceEvenWhenValuesAreEqual()
    {
        using var model = ModelFactory.Create(ModelSpec.Parse("resnet-v1-8"), InputSpec.FashionMnist, new PerturbationOptions());
        // Every θ map starts at 0.25: a value-based Except would collapse them; reference comparison must not.
        Assert.Equal(4, model.ThetaParameters().Count);
        Assert.DoesNotContain(model.WeightParameters(), w => model.ThetaParameters().Any(t => ReferenceEquals(t, w)));
    }

    [Fact]
    public void NoWeightDecayOnTheta()
    {
        using var _ = NewDisposeScope();
        using var model = ModelFactory.Create(ModelSpec.Parse("resnet-v1-8"), InputSpec.FashionMnist, new PerturbationOptions());
        using var update = new AlternatingUpdate(model, new TrainingOptions { WeightDecay = 0.5 });
        foreach (var t in model.ThetaParameters()) t.grad = zeros_like(t);
        var t0 = Snapshot(model.ThetaParameters());
        update.StepTheta(); // zero gradient: only weight decay could move θ
        Assert.True(Same(model.ThetaParameters(), t0));
    }
}
