using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Training;

/// <summary>The adversarial loss's clean half back-propagated before PGD: the same step as one backward pass of L.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class ObjectiveTests
{
    private static readonly TrainingOptions Options = new() { AdversarialPgd = new PgdOptions(Steps: 2, StepSize: 0.02), AdversarialWeight = 0.3 };

    private static ResNet Model()
    {
        Compute.Seed(4);
        return ModelFactory.Create(ModelSpec.Parse("resnet-v1-8"), InputSpec.FashionMnist, new PerturbationOptions());
    }

    [Fact]
    public void TheWeightStepEqualsOneBackwardPassOfTheWholeLoss()
    {
        using var _ = NewDisposeScope();
        Compute.Seed(1);
        var x = rand(8, 1, 28, 28);
        var y = randint(0, 10, 8);
        var pgd = new Pgd(Options.AdversarialThreat, Options.AdversarialPgd);
        double w = Options.AdversarialWeight;

        using var ours = Model();
        using var oursUpdate = new AlternatingUpdate(ours, Options);
        Compute.Seed(5);
        var (value, _) = new Objective(ours, pgd, Options, adversarial: true).TrainWeightsOnly(oursUpdate, x, y);

        using var reference = Model();
        using var referenceUpdate = new AlternatingUpdate(reference, Options);
        Compute.Seed(5);
        var logits = reference.forward(x);
        var xAdv = pgd.Perturb(reference, x, logits.argmax(1).detach());
        var loss = nn.functional.cross_entropy(logits, y) * (1 - w) + nn.functional.cross_entropy(reference.forward(xAdv), y) * w;
        referenceUpdate.ZeroGrad();
        loss.backward();
        referenceUpdate.StepWeights();

        Assert.Equal(loss.item<float>(), value);
        foreach (var (a, b) in ours.parameters().Zip(reference.parameters()))
        {
            Assert.True(a.Identical(b), "a parameter differs from the one-backward-pass step");
            Assert.True(a.requires_grad, "PGD left a parameter frozen");
        }
    }

    [Fact]
    public void FrozenRestoresEachParametersPreviousState()
    {
        using var model = Model();
        var first = model.parameters().First();
        first.requires_grad = false;
        using (model.Frozen()) Assert.All(model.parameters(), p => Assert.False(p.requires_grad));
        Assert.False(first.requires_grad);
        Assert.All(model.parameters().Skip(1), p => Assert.True(p.requires_grad));
    }
}
