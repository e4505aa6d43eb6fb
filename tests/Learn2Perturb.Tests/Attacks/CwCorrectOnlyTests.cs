using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>
/// C&amp;W's CorrectOnly option: images the model already gets wrong are not attacked (and not counted as successes at
/// L2 ≈ 0, which the default does); the correctly classified ones get exactly the default attack's answer.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class CwCorrectOnlyTests
{
    private static readonly CarliniWagnerOptions Options = new(InitialC: 1, BinarySearchSteps: 4, Steps: 50, LearningRate: 5e-3);

    [Fact]
    public void MisclassifiedImagesAreSkippedAndTheOthersGetTheDefaultAttacksAnswer()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(1);
        var w = randn(16);
        var model = TinyModels.TwoClassLinear(w, 0.3);
        var x = (0.5 + 0.05 * randn(6, 16)).clamp(0, 1).view(6, 1, 4, 4);
        var predicted = (x.flatten(1).matmul(w) + 0.3).gt(0).to_type(ScalarType.Int64);
        var wrong = tensor(new[] { false, true, false, true, false, false });
        var y = where(wrong, 1 - predicted, predicted); // samples 1 and 3 are misclassified

        using var all = new CarliniWagnerL2(Options).Perturb(model, x, y);
        using var correct = new CarliniWagnerL2(Options with { CorrectOnly = true }).Perturb(model, x, y);
        var kept = new long[] { 0, 2, 4, 5 };
        using var subset = new CarliniWagnerL2(Options).Perturb(model, x.index_select(0, tensor(kept)), y.index_select(0, tensor(kept)));

        // The default counts the misclassified images as successes at a distance ≈ 0: the bias CorrectOnly removes.
        Assert.True(all.Success[1] && all.Success[3]);
        Assert.InRange(all.Distance[1], 0, 1e-3);
        Assert.Equal([true, false, true, false, true, true], correct.Attempted);
        Assert.False(correct.Success[1] || correct.Success[3]);
        Assert.True(double.IsNaN(correct.Distance[1]) && double.IsNaN(correct.Distance[3]));
        Assert.True(correct.Adversarial[1].Identical(x[1]) && correct.Adversarial[3].Identical(x[3]));
        for (int k = 0; k < kept.Length; k++)
        {
            int i = (int)kept[k];
            Assert.Equal(subset.Success[k], correct.Success[i]);
            Assert.Equal(subset.Distance[k], correct.Distance[i]);
            Assert.True(correct.Adversarial[i].Identical(subset.Adversarial[k]));
        }
        Assert.Equal(100.0 * correct.SuccessCount / 4, correct.SuccessRate); // of the attacked images only
    }

    [Fact]
    public void WhenEveryImageIsMisclassifiedNothingIsAttackedAndTheImagesComeBackUnchanged()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(2);
        var w = randn(16);
        var model = TinyModels.TwoClassLinear(w, 0.3);
        var x = (0.5 + 0.05 * randn(3, 16)).clamp(0, 1).view(3, 1, 4, 4);
        var y = 1 - (x.flatten(1).matmul(w) + 0.3).gt(0).to_type(ScalarType.Int64);

        using var result = new CarliniWagnerL2(Options with { CorrectOnly = true }).Perturb(model, x, y);

        Assert.Equal(0, result.AttemptedCount);
        Assert.True(double.IsNaN(result.SuccessRate));
        Assert.True(result.Adversarial.Identical(x));
        Assert.Equal("L2", result.DistanceMeasure);
    }
}
