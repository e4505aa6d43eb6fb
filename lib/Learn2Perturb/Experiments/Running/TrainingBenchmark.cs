using System.Diagnostics;
using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Learn2Perturb.Experiments;

/// <summary>Timings of one measurement, in seconds per call.</summary>
/// <param name="PeakRssMib">The process's peak resident memory after this measurement (cumulative, as getrusage's).</param>
public sealed record BenchResult(int Imgs, double MinS, double MedianS, double ImgPerSMedian, double ImgPerSBest, IReadOnlyList<double> AllS, double PeakRssMib);

/// <summary>
/// The five measurements of scripts/bench/torch_baseline.py on the same model (ResNet-V1(depth), 3×32×32, 10 classes)
/// and random CIFAR-shaped data, so the two can be compared as ratios:
/// l2p_iter (one full Learn2Perturb iteration, noise and PGD-7 training on), clean_iter (noise off, no PGD),
/// pgd7 (PGD-7 with a full backward per step, as the reference code does), infer512 (eval forward, noise on, batch 512),
/// pgd7_xgrad (PGD-7 with input-only gradients: what this library's <see cref="Pgd"/> does, also inside l2p_iter).
/// </summary>
public sealed class TrainingBenchmark : IDisposable
{
    public static readonly string[] Names = ["l2p_iter", "clean_iter", "pgd7", "infer512", "pgd7_xgrad"];

    private readonly ResNet model;
    private readonly Trainer trainer;
    private readonly Tensor x, y, x512;
    private readonly Pgd pgd = new(ThreatModel.Paper, PgdOptions.Paper);
    private const int NoisyAdversarialEpoch = 20; // the regime epoch ≥ adversarial delay, as the baseline's l2p_iter

    public TrainingBenchmark(int depth, int batch, long seed, NoiseSampling sampling, NoiseGenerator generator = NoiseGenerator.Philox)
    {
        Compute.Seed(seed);
        var device = Compute.Device;
        model = ModelFactory.Create(new ModelSpec(ResNetFamily.V1, depth), InputSpec.Cifar10, new PerturbationOptions(Sampling: sampling));
        model.SetNoiseGenerator(generator);
        model.to(device);
        trainer = new Trainer(model, DefenseSpec.Learn2Perturb, new TrainingOptions());
        x = rand(batch, 3, 32, 32, device: device);
        y = randint(0, 10, batch, device: device);
        x512 = rand(512, 3, 32, 32, device: device);
    }

    public long Parameters => model.parameters().Sum(p => p.numel());

    public BenchResult Measure(string name, int warmup, int iters)
    {
        Action run = name switch
        {
            "l2p_iter" => () => trainer.TrainBatch(x, y, NoisyAdversarialEpoch),
            "clean_iter" => () => trainer.TrainBatch(x, y, epoch: 0),
            "pgd7" => () => PgdFullBackward(),
            "infer512" => Infer512,
            "pgd7_xgrad" => () => { model.SetNoise(NoiseMode.On); pgd.Perturb(model, x, y); },
            _ => throw new ArgumentException($"unknown measurement '{name}': expected one of {string.Join(", ", Names)}"),
        };
        for (int i = 0; i < warmup; i++) Timed(run);
        var times = Enumerable.Range(0, iters).Select(_ => Timed(run)).ToList();
        int imgs = name == "infer512" ? 512 : (int)x.shape[0];
        double min = times.Min(), median = Median(times);
        return new BenchResult(imgs, min, median, imgs / median, imgs / min, times, Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
    }

    private static double Timed(Action run)
    {
        var clock = Stopwatch.StartNew();
        // Timed as the trainer and evaluator run a batch: the previous batch's garbage released first (Compute).
        Compute.ReleaseNativeGarbage();
        using (NewDisposeScope()) run();
        if (cuda.is_available()) cuda.synchronize();
        return clock.Elapsed.TotalSeconds;
    }

    private void Infer512()
    {
        using var mode = model.EvalMode();
        using var _ = no_grad();
        model.SetNoise(NoiseMode.On);
        model.forward(x512).sum().item<float>();
    }

    /// <summary>The reference code's PGD: each step is a forward and a full backward (weight gradients computed too).</summary>
    private void PgdFullBackward()
    {
        using var mode = model.EvalMode();
        model.SetNoise(NoiseMode.On);
        double eps = ThreatModel.Paper.Epsilon;
        var lower = (x - eps).clamp_(0, 1);
        var upper = (x + eps).clamp_(0, 1);
        var adv = (x + empty_like(x).uniform_(-eps, eps)).clamp_(0, 1);
        for (int step = 0; step < PgdOptions.Paper.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var xg = adv.detach().requires_grad_(true);
            model.zero_grad();
            nn.functional.cross_entropy(model.forward(xg), y).backward();
            adv = xg.detach().add(xg.grad!.sign(), alpha: PgdOptions.Paper.StepSize).clamp_(lower, upper).MoveToOuterDisposeScope();
        }
        model.zero_grad();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public void Dispose()
    {
        trainer.Dispose();
        model.Dispose();
        x.Dispose();
        y.Dispose();
        x512.Dispose();
    }
}
