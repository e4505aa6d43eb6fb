using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Models;

public sealed class ResNetTests
{
    public static TheoryData<string, long> PaperCounts()
    {
        var data = new TheoryData<string, long>();
        foreach (var (spec, count) in ModelSpec.Paper) data.Add(spec.Name, count);
        return data;
    }

    [Theory]
    [MemberData(nameof(PaperCounts))]
    public void ParameterCountEqualsThePapersToTheUnit(string name, long paperCount)
    {
        using var model = ModelFactory.Create(ModelSpec.Parse(name), InputSpec.Cifar10, new PerturbationOptions());
        Assert.Equal(paperCount, ModelFactory.CountParameters(model).Weights);
    }

    [Fact]
    public void ThetaOfResNetV1_20OnCifarHas102400Elements()
    {
        using var model = ModelFactory.Create(ModelSpec.Parse("resnet-v1-20"), InputSpec.Cifar10, new PerturbationOptions());
        Assert.Equal(102_400, ModelFactory.CountParameters(model).Theta);
        Assert.Equal(1 + 9, model.PerturbationModules().Count); // stem + one per residual block
    }

    [Fact]
    public void BaselineModelsHaveNoThetaAndTheSameWeights()
    {
        using var model = ModelFactory.Create(ModelSpec.Parse("resnet-v1-20"), InputSpec.Cifar10, perturbation: null);
        Assert.Equal((269_722L, 0L), ModelFactory.CountParameters(model));
    }

    [Theory]
    [InlineData("resnet-v1-8")]
    [InlineData("resnet-v1-20-1.5x")]
    [InlineData("resnet-v2-18")]
    public void ThetaShapesFollowTheFeatureMapsOfGreyFashionMnist(string name)
    {
        using var _ = NewDisposeScope();
        using var model = ModelFactory.Create(ModelSpec.Parse(name), InputSpec.FashionMnist, new PerturbationOptions());
        var shapes = model.ThetaParameters().Select(t => (t.shape[1], t.shape[2])).Distinct().ToList();
        long[] sides = name.StartsWith("resnet-v2") ? [28, 14, 7, 4] : [28, 14, 7];
        Assert.Equal(sides.Select(s => (s, s)), shapes);
        using var logits = model.forward(rand(3, 1, 28, 28));
        Assert.Equal(new long[] { 3, 10 }, logits.shape);
    }

    [Fact]
    public void OutputHasOneLogitPerClass()
    {
        using var _ = NewDisposeScope();
        using var model = ModelFactory.Create(ModelSpec.Parse("resnet-v1-20"), InputSpec.Cifar100, new PerturbationOptions());
        Assert.Equal(new long[] { 2, 100 }, model.forward(rand(2, 3, 32, 32)).shape);
    }

    [Theory]
    [InlineData("resnet-v1-21", "6n+2")]
    [InlineData("resnet-v2-34", "depth 18 only")]
    [InlineData("vgg-16", "unknown model 'vgg-16'")]
    [InlineData("resnet-v1-20-1.3x", "16·k")]
    public void UnknownOrInvalidArchitecturesAreRejectedByName(string name, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelSpec.Parse(name));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("resnet-v1-20-1.5x", "V1(20)[1.5×]")]
    [InlineData("resnet-v2-18", "V2(18)")]
    public void NamesRoundTrip(string name, string paperName)
    {
        var spec = ModelSpec.Parse(name);
        Assert.Equal(name, spec.Name);
        Assert.Equal(paperName, spec.PaperName);
    }
}
