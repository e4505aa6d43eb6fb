using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Learn2Perturb.Experiments;

/// <summary>
/// The workbook's first experiment: on the embedded Fashion-MNIST, train a no-defence, a vanilla adversarially trained
/// and a Learn2Perturb ResNet, then measure clean, FGSM and PGD accuracy (docs/method.md §5 settings, ε = 8/255) as
/// mean ± std over repeated stochastic evaluations.
/// </summary>
public sealed class Quickstart(Profile profile)
{
    public QuickstartSettings Settings { get; } = QuickstartSettings.For(profile);

    /// <summary>Raised before each defence trains, so a caller can follow the trainer's events.</summary>
    public event Action<Defense, Trainer>? TrainingStarted;

    /// <summary>Raised before each defence is evaluated.</summary>
    public event Action<Defense>? EvaluationStarted;

    public QuickstartReport Run(CancellationToken cancel = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var device = Compute.Device;
        using var train = Subset(DataSplit.Train, Settings.TrainImages, device);
        using var test = Subset(DataSplit.Test, Settings.TestImages, device);
        var rows = new List<QuickstartRow>();
        double[] theta = [];
        foreach (var defense in new[] { Defense.None, Defense.Vanilla, Defense.Learn2Perturb })
        {
            using var model = Build(defense, device);
            rows.Add(TrainAndEvaluate(model, defense, train, test, cancel));
            if (defense == Defense.Learn2Perturb) theta = model.ThetaMeanPerModule();
        }
        return new QuickstartReport(profile.ToName(), "fashion-mnist", Settings.TrainImages, Settings.TestImages,
            Settings.Training.Epochs, rows, theta, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The first <paramref name="count"/> images of a split on <paramref name="device"/>; the full split is freed at once.</summary>
    private static TensorDataset Subset(DataSplit split, int count, Device device)
    {
        using var full = FashionMnist.Load(split);
        var subset = full.Take(count);
        var placed = subset.To(device);
        if (!ReferenceEquals(placed, subset)) subset.Dispose();
        return placed;
    }

    private ResNet Build(Defense defense, Device device)
    {
        var perturbation = defense == Defense.Learn2Perturb ? new PerturbationOptions() : null;
        Compute.Seed(Settings.Training.Seed); // initial weights from the seeded generator: reruns are reproducible on CPU
        var model = ModelFactory.Create(Settings.Model, InputSpec.FashionMnist, perturbation);
        model.to(device);
        return model;
    }

    private QuickstartRow TrainAndEvaluate(ResNet model, Defense defense, TensorDataset train, TensorDataset test, CancellationToken cancel)
    {
        using var trainer = new Trainer(model, defense, Settings.Training);
        TrainingStarted?.Invoke(defense, trainer);
        var trainClock = System.Diagnostics.Stopwatch.StartNew();
        trainer.Fit(train, cancel);
        double trainSeconds = trainClock.Elapsed.TotalSeconds;

        EvaluationStarted?.Invoke(defense);
        var threat = ThreatModel.Paper;
        IAttack[] attacks = [new Fgsm(threat), new Pgd(threat, PgdOptions.Paper)];
        Compute.Seed(Settings.Training.Seed + 1000);
        var report = RobustnessEvaluator.Evaluate(model, test, attacks, Settings.Repeats, Settings.EvalBatchSize, cancel);
        return new QuickstartRow(defense.ToName(), Settings.Model.Name, report.Clean, report.Attacks[attacks[0].Name],
            report.Attacks[attacks[1].Name], report.Repeats, trainSeconds, report.Seconds, report.Resampled) { Warnings = report.Warnings };
    }
}
