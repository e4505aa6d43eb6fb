using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Perturbation;

[Collection(TorchRandomCollection.Name)]
public sealed class PerturbationInjectionTests
{
    private static PerturbationInjection Module(double theta0 = 0.25) => new("noise", 2, 3, 3, theta0);

    [Fact]
    public void OffIsTheIdentity()
    {
        using var _ = NewDisposeScope();
        using var m = Module();
        m.Mode = NoiseMode.Off;
        var x = randn(4, 2, 3, 3);
        Assert.True(m.forward(x).Identical(x));
    }

    [Fact]
    public void ZeroThetaIsTheIdentityEvenWithNoiseOn()
    {
        using var _ = NewDisposeScope();
        using var m = Module(theta0: 0);
        var x = randn(4, 2, 3, 3);
        Assert.True(m.forward(x).Identical(x));
    }

    [Fact]
    public void NoiseHasStandardDeviationTheta()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(1);
        using var m = new PerturbationInjection("noise", 1, 1, 1, theta0: 0.25);
        var x = zeros(200_000, 1, 1, 1);
        var std = m.forward(x).std().item<float>();
        Assert.InRange(std, 0.25 * 0.99, 0.25 * 1.01);
    }

    [Fact]
    public void ThetaReceivesGradients()
    {
        using var _ = NewDisposeScope();
        using var m = Module();
        m.forward(randn(4, 2, 3, 3)).pow(2).sum().backward();
        Assert.NotNull(m.Theta.grad);
        Assert.True(m.Theta.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void NoiseStaysOnAfterEval()
    {
        using var _ = NewDisposeScope();
        using var model = ModelFactory.Create(ModelSpec.Parse("resnet-v1-8"), InputSpec.FashionMnist, new PerturbationOptions());
        model.eval();
        var x = rand(2, 1, 28, 28);
        using (no_grad())
            Assert.False(model.forward(x).Identical(model.forward(x)));
        using (model.Noise(NoiseMode.Off))
        using (no_grad())
            Assert.True(model.forward(x).Identical(model.forward(x)));
        Assert.True(model.IsStochastic()); // the scope restored the previous mode
    }

    [Fact]
    public void PerSampleDrawsDifferAcrossTheBatchAndSharedDrawsDoNot()
    {
        using var _ = NewDisposeScope();
        using var m = Module();
        var x = zeros(2, 2, 3, 3);
        var perSample = m.forward(x);
        Assert.False(perSample[0].Identical(perSample[1]));
        m.Sampling = NoiseSampling.SharedAcrossBatch;
        var shared = m.forward(x);
        Assert.True(shared[0].Identical(shared[1]));
    }

    [Fact]
    public void ProjectionClampsThetaAtThetaMin()
    {
        using var _ = NewDisposeScope();
        using var m = new PerturbationInjection("noise", 1, 2, 2, theta0: 0.25, thetaMin: 0.01);
        using (no_grad()) m.Theta.copy_(tensor(new float[] { -1f, 0.005f, 0.01f, 0.3f }).reshape(1, 2, 2));
        m.ProjectTheta();
        Assert.Equal(new[] { 0.01f, 0.01f, 0.01f, 0.3f }, m.Theta.data<float>().ToArray());
    }

    [Fact]
    public void NegativeThetaSettingsAreRejectedByName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PerturbationInjection("n", 1, 1, 1, theta0: -0.1));
        Assert.Equal("theta0", e.ParamName);
    }
}
