using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Experiments;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Runs;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>The reference code's EOT (K copies in one batch, PgdOptions.EotInOneBatch) against the workbook's K passes.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class BatchEotTests
{
    [Fact]
    public void OnADeterministicModelTheOneBatchGradientIsThePlainGradient()
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        model.SetNoise(NoiseMode.Off);
        model.eval();
        var x = rand(3, 1, 28, 28);
        var y = randint(0, 10, 3);

        var plain = InputGradient.OfCrossEntropy(model, x, y);
        var batched = InputGradient.OfCrossEntropy(model, x, y, eotSamples: 5, inOneBatch: true);

        Assert.True(batched.allclose(plain, rtol: 1e-4, atol: 1e-7), "the mean over K identical copies is one copy's gradient");
    }

    [Theory]
    [InlineData(NoiseSampling.SharedAcrossBatch, true)]
    [InlineData(NoiseSampling.PerSample, false)]
    public void WithBatchSharedNoiseTheOneBatchEotIsOneDrawsGradient(NoiseSampling sampling, bool degenerate)
    {
        using var _ = NewDisposeScope();
        using var model = TinyModels.NoisyResNet();
        model.SetNoiseSampling(sampling);
        model.eval();
        var x = rand(3, 1, 28, 28);
        var y = randint(0, 10, 3);

        Compute.Seed(7);
        var one = InputGradient.OfCrossEntropy(model, x, y, eotSamples: 1, inOneBatch: true);
        Compute.Seed(7); // shared noise draws one θ-shaped tensor per pass whatever the batch: the same draw again
        var eight = InputGradient.OfCrossEntropy(model, x, y, eotSamples: 8, inOneBatch: true);

        double gap = (eight - one).norm().item<float>() / one.norm().item<float>();
        if (degenerate) Assert.True(gap < 1e-4, $"8 copies under one shared draw must give that draw's gradient (relative gap {gap})");
        else Assert.True(gap > 0.05, $"8 per-sample draws must average to another gradient than the first draw's (relative gap {gap})");
    }

    [Fact]
    public void TheOptionStaysOutOfTrainingConfigsSoRunIdsDoNotChange()
    {
        Assert.DoesNotContain("batch", RunJson.Canonical(PgdOptions.Paper));
        Assert.Contains("\"eot_in_one_batch\":true", RunJson.Canonical(PgdOptions.Paper with { EotInOneBatch = true }));
        var training = ExperimentCatalog.Get("table1/resnet-v1-20/l2p", Profile.Quick).Training;
        Assert.Equal(ConfigHash.Of(training), ConfigHash.Of(training with { Options = training.Options with { AdversarialPgd = new PgdOptions() } }));
    }

    [Fact]
    public void BatchEotKindsHaveNamesOfTheirOwnAndCreateTheReferenceAttack()
    {
        var pgd = AttackSpec.Pgd(8 / 255.0) with { Kind = "pgd-batch-eot", EotSamples = 4 };
        var fgsm = AttackSpec.Fgsm(8 / 255.0) with { Kind = "fgsm-batch-eot", EotSamples = 4 };

        Assert.Equal("pgd-7-eot4-batch@8/255", pgd.Name);
        Assert.Equal("fgsm-eot4-batch@8/255", fgsm.Name);
        Assert.Equal("pgd-7-batch@8/255", (pgd with { EotSamples = 1 }).Name); // distinct from plain pgd-7@8/255
        Assert.Equal(4, pgd.Create().Description.ForwardPassesPerGradient);
        Assert.Equal(pgd.Name, new Pgd(ThreatModel.Paper, new PgdOptions(EotSamples: 4) { EotInOneBatch = true }).Name);
        Assert.Equal(fgsm.Name, new Fgsm(ThreatModel.Paper, 4, eotInOneBatch: true).Name);
    }
}
