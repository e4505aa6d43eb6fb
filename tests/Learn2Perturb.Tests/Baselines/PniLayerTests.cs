using Learn2Perturb.Baselines;
using Learn2Perturb.Core;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Baselines;

[Collection(TorchRandomCollection.Name)]
public sealed class PniLayerTests
{
    public static TheoryData<PniScope, bool> Placements => new()
    {
        { PniScope.Layer, false }, { PniScope.Channel, false }, { PniScope.Element, false }, { PniScope.None, true }, { PniScope.Layer, true },
    };

    [Theory]
    [MemberData(nameof(Placements))]
    public void ConvSamplesFreshNoiseEvenInEvalModeAndIsThePlainConvWhenOff(PniScope weights, bool activations)
    {
        using var _ = NewDisposeScope();
        using var conv = new PniConv2d(2, 3, 3, 1, 1, new PniOptions(weights, activations));
        conv.eval(); // noise must not follow train()/eval()
        var x = rand(4, 2, 5, 5);
        Assert.False(conv.forward(x).Identical(conv.forward(x)), "two forward passes drew the same noise");
        conv.Mode = NoiseMode.Off;
        var plain = nn.functional.conv2d(x, conv.Weight, null, strides: [1, 1], padding: [1, 1]);
        Assert.True(conv.forward(x).Identical(conv.forward(x)));
        Assert.True(conv.forward(x).allclose(plain, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void LinearSamplesNoiseAndIsDeterministicWhenOff()
    {
        using var _ = NewDisposeScope();
        using var linear = new PniLinear(6, 3, new PniOptions(PniScope.Channel, Activations: true));
        var x = rand(4, 6);
        Assert.False(linear.forward(x).Identical(linear.forward(x)));
        linear.Mode = NoiseMode.Off;
        Assert.True(linear.forward(x).Identical(linear.forward(x)));
    }

    [Theory]
    [InlineData(PniScope.Layer, new long[] { 1 })]
    [InlineData(PniScope.Channel, new long[] { 3, 1, 1, 1 })]
    [InlineData(PniScope.Element, new long[] { 3, 2, 3, 3 })]
    public void AlphaHasTheScopesShapeAndStartsAtAlpha0(PniScope scope, long[] shape)
    {
        using var conv = new PniConv2d(2, 3, 3, 1, 1, new PniOptions(scope));
        var alpha = Assert.Single(conv.Alphas);
        Assert.Equal(shape, alpha.shape);
        Assert.True(alpha.eq(PniOptions.DefaultAlpha0).all().item<bool>());
    }

    [Fact]
    public void AlphaReceivesGradientsAndChangesAfterATrainingStep()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(11);
        var spec = DefenseSpec.PniWA;
        using var model = spec.Build(TinyModels.Spec, TinyModels.Input);
        var alphas = model.AlphaParameters();
        Assert.Equal(2 * model.PniLayers().Count, alphas.Count); // weight α and activation α in every layer
        var before = TinyModels.Snapshot(alphas);
        using var trainer = spec.CreateTrainer(model, TinyModels.OneStep with { LearningRate = 0.1 });
        var (x, y) = TinyModels.Batch();
        trainer.TrainBatch(x, y, epoch: 0);
        Assert.All(alphas, a => Assert.True(a.grad is not null && a.grad.abs().sum().item<float>() > 0, "α got no gradient"));
        Assert.True(TinyModels.AllDiffer(alphas, before), "some α did not move after a training step");
    }

    [Fact]
    public void AlphaIsNeverWeightDecayedWhileTheWeightsAre()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(12);
        using var model = DefenseSpec.PniWElement.Build(TinyModels.Spec, TinyModels.Input);
        using var update = new AlternatingUpdate(model, TinyModels.OneStep with { WeightDecay = 0.5, LearningRate = 0.1 });
        var alphas = model.AlphaParameters();
        var convWeights = model.PniLayers().OfType<PniConv2d>().Select(c => (Tensor)c.Weight).ToList();
        var alphaBefore = TinyModels.Snapshot(alphas);
        var weightBefore = TinyModels.Snapshot(convWeights);
        // A zero data gradient everywhere: only weight decay can move a parameter.
        var zero = model.parameters().Select(p => p.sum()).Aggregate((a, b) => a + b) * 0;
        update.ZeroGrad();
        zero.backward();
        update.StepWeights();
        Assert.True(TinyModels.Same(alphas, alphaBefore), "weight decay moved α");
        Assert.True(TinyModels.AllDiffer(convWeights, weightBefore), "weight decay did not reach the conv weights");
    }

    [Theory]
    [InlineData(PniScope.None, false, 0.25, "Weights")]
    [InlineData(PniScope.Layer, false, -0.1, "Alpha0")]
    [InlineData((PniScope)9, false, 0.25, "Weights")]
    public void InvalidOptionsAreRejectedByName(PniScope weights, bool activations, double alpha0, string field)
    {
        var e = Assert.ThrowsAny<ArgumentException>(new PniOptions(weights, activations, alpha0).Validate);
        Assert.Equal(field, e.ParamName);
    }
}
