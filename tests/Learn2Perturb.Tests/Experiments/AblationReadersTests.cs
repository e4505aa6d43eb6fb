using Learn2Perturb.Experiments;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Tests.Runs;

namespace Learn2Perturb.Tests.Experiments;

/// <summary>
/// What the ablation and learned-noise notebooks (07, 08, 10) read back from the run store, on one tiny Learn2Perturb
/// ResNet-V1(8) trained once on the smoke ablation schedule (64 images, 3 epochs) with θ0 = 1, so noise is loud.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class AblationReadersTests(AblationReadersTests.TrainedTinyModel tiny) : IClassFixture<AblationReadersTests.TrainedTinyModel>
{
    public sealed class TrainedTinyModel : IDisposable
    {
        private readonly TempRunStore temp = new();

        public TrainedTinyModel()
        {
            var smoke = ExperimentCatalog.Get("ablation/training/paper-default", Profile.Smoke);
            Config = smoke with
            {
                Training = smoke.Training with { Perturbation = new PerturbationOptions(Theta0: 1.0) },
                Evaluation = smoke.Evaluation with { TestImages = 32, Repeats = 3, Attacks = [AttackSpec.Fgsm(8 / 255.0)] },
            };
            Runner = new ExperimentRunner(temp.Store);
            Runner.Train(Config);
        }

        public ExperimentConfig Config { get; }

        public ExperimentRunner Runner { get; }

        public void Dispose() => temp.Dispose();
    }

    [Fact]
    public void TheRunnerHonoursTestTimeNoiseOff()
    {
        var on = AblationOutcome.Run(tiny.Runner, tiny.Config);
        var offConfig = tiny.Config with { Name = "ablation/training/test-noise-off", Evaluation = tiny.Config.Evaluation with { TestTimeNoise = NoiseMode.Off } };
        var off = AblationOutcome.Run(tiny.Runner, offConfig);

        Assert.Equal(on.Result.RunId, off.Result.RunId); // the same trained model ...
        Assert.False(off.Reused); // ... but a result of its own, not the noisy one read back
        Assert.Equal("test-noise-off", off.Variant);
        Assert.True(on.Result.Report.Stochastic);
        Assert.False(off.Result.Report.Stochastic);
        // Without noise (and FGSM has no random start) every repeat is the same network on the same images.
        Assert.Equal(0, off.Result.Report.Clean.Std);
        Assert.Equal(0, off.Result.Report.Attacks["fgsm@8/255"].Std);
        // With θ = 1 noise the repeats differ, or at least their mean differs from the deterministic network's.
        var (cleanOn, fgsmOn) = (on.Result.Report.Clean, on.Result.Report.Attacks["fgsm@8/255"]);
        Assert.True(cleanOn.Std > 0 || fgsmOn.Std > 0 || cleanOn.Mean != off.Result.Report.Clean.Mean,
            $"noise on gave clean {cleanOn}, FGSM {fgsmOn}: the same as noise off");
    }

    [Fact]
    public void TheHistoryHasEveryEpochAndItsThetaMeansMatchTheCheckpoint()
    {
        var history = TrainingHistory.Of(tiny.Runner.Store, tiny.Config);
        var theta = LearnedTheta.Read(tiny.Runner.Store, tiny.Config);

        Assert.Equal([0, 1, 2], history.Select(e => e.Epoch));
        Assert.Equal([false, true, true], history.Select(e => e.NoiseOn));
        Assert.All(history[0].ThetaMeanPerModule, m => Assert.Equal(1.0, m, 6)); // θ0, untouched before the noise starts
        Assert.Equal(3, theta.Epochs);
        Assert.Equal(["stem", "block 0_0", "block 1_0", "block 2_0"], theta.Modules.Select(m => m.Label));
        Assert.Equal([16L, 28, 28], theta.Modules[0].Shape);
        Assert.All(theta.Modules, m => Assert.Equal(m.Shape.Aggregate(1L, (a, b) => a * b), m.Values.Count));
        // The metrics' last θ means are the checkpoint's: both readers see the same trained model.
        Assert.Equal(history[^1].ThetaMeanPerModule, theta.Modules.Select(m => m.Mean), (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.All(theta.Modules, m => Assert.True(m.Min >= m.ThetaMin - 1e-7, $"{m.Module}: θ {m.Min} below θmin {m.ThetaMin}"));
        Assert.NotEqual(1.0, theta.Modules[0].Mean, 6); // two noisy epochs moved θ
    }

    [Fact]
    public void AnUntrainedExperimentIsRefusedWithTheCommandThatTrainsIt()
    {
        var untrained = tiny.Config with { Name = "ablation/training/theta0-0.5", Training = tiny.Config.Training with { Perturbation = new PerturbationOptions(Theta0: 0.5) } };
        var e = Assert.Throws<InvalidOperationException>(() => TrainingHistory.Of(tiny.Runner.Store, untrained));
        Assert.Contains("l2p train ablation/training/theta0-0.5 --profile smoke", e.Message);
        Assert.Throws<InvalidOperationException>(() => LearnedTheta.Read(tiny.Runner.Store, untrained));
    }
}
