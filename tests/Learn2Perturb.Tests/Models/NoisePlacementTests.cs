using Learn2Perturb.Experiments;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Runs;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Models;

/// <summary>Where the perturbation-injection modules sit (docs/method.md §1; the placement ablation of notebook 08).</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class NoisePlacementTests
{
    private static ResNet V1_20(NoisePlacement? placement) =>
        ModelFactory.Create(ModelSpec.Parse("resnet-v1-20"), InputSpec.Cifar10, new PerturbationOptions { Placement = placement });

    private static List<string> ModulePaths(ResNet model) =>
        [.. model.named_modules().Where(m => m.module is PerturbationInjection).Select(m => m.name)];

    [Theory]
    [InlineData(null, 10, "noise", 102_400)]
    [InlineData(NoisePlacement.StemAndBlocks, 10, "noise", 102_400)]
    [InlineData(NoisePlacement.BlocksOnly, 9, "blocks.0_0.noise", 102_400 - 16 * 32 * 32)]
    [InlineData(NoisePlacement.StemOnly, 1, "noise", 16 * 32 * 32)]
    public void ThePlacementDecidesWhichModulesExist(NoisePlacement? placement, int modules, string first, long thetaCount)
    {
        using var model = V1_20(placement);
        var paths = ModulePaths(model);
        Assert.Equal(modules, paths.Count);
        Assert.Equal(first, paths[0]);
        Assert.Equal(thetaCount, ModelFactory.CountParameters(model).Theta);
        Assert.Equal(269_722, ModelFactory.CountParameters(model).Weights); // W never changes
        if (placement == NoisePlacement.BlocksOnly) Assert.DoesNotContain("noise", paths);
        if (placement == NoisePlacement.StemOnly) Assert.DoesNotContain(paths, p => p.StartsWith("blocks."));
    }

    [Fact]
    public void WithoutStemNoiseTheStemIsDeterministicAndTheBlocksAreNot()
    {
        using var _ = NewDisposeScope();
        using var stemOnly = V1_20(NoisePlacement.StemOnly);
        using var blocksOnly = V1_20(NoisePlacement.BlocksOnly);
        stemOnly.eval();
        blocksOnly.eval();
        var x = rand(4, 3, 32, 32);
        // Both are stochastic (one module suffices), and switching noise off makes both deterministic.
        Assert.False(stemOnly.forward(x).allclose(stemOnly.forward(x)));
        Assert.False(blocksOnly.forward(x).allclose(blocksOnly.forward(x)));
        using (blocksOnly.Noise(NoiseMode.Off)) Assert.True(blocksOnly.forward(x).allclose(blocksOnly.forward(x)));
    }

    [Fact]
    public void ThePapersPlacementKeepsTheConfigJsonAndAnInvalidOneIsNamed()
    {
        Assert.DoesNotContain("placement", RunJson.Canonical(new PerturbationOptions(Theta0: 0.1)));
        Assert.Contains("\"placement\":\"blocks_only\"", RunJson.Canonical(new PerturbationOptions { Placement = NoisePlacement.BlocksOnly }));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PerturbationOptions { Placement = (NoisePlacement)9 }.Validate());
        Assert.Equal("Placement", e.ParamName);
    }

    [Fact]
    public void TheCatalogsBlocksOnlyVariantDiffersFromTheDefaultInPlacementOnly()
    {
        var variant = ExperimentCatalog.Get("ablation/training/placement-blocks-only", Profile.Quick).Training;
        var baseline = ExperimentCatalog.Get("ablation/training/paper-default", Profile.Quick).Training;
        Assert.Equal(NoisePlacement.BlocksOnly, variant.Perturbation!.Placement);
        Assert.Equal(10, ExperimentCatalog.Matching("ablation/training").Count); // notebook 08's variants, this one last
        Assert.Equal("ablation/training/placement-blocks-only", ExperimentCatalog.Matching("ablation/training")[^1]);
        Assert.Equal(RunJson.Canonical(baseline), RunJson.Canonical(variant with { Perturbation = null }));
        using var model = variant.BuildModel(variant.ResolveDefense(), CPU);
        Assert.Equal(9, model.PerturbationModules().Count); // V1(20) on Fashion-MNIST: the 9 blocks, no stem
    }
}
