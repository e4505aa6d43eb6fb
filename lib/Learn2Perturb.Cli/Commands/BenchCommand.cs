using System.CommandLine;
using System.Diagnostics;
using Learn2Perturb.Cli.Output;
using Learn2Perturb.Core;
using Learn2Perturb.Experiments;
using Learn2Perturb.Perturbation;

namespace Learn2Perturb.Cli.Commands;

/// <summary><c>l2p bench</c>: the measurements of scripts/bench/torch_baseline.py, with the same JSON keys.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var depth = new Option<int>("--depth") { Description = "ResNet-V1 depth (20, 32, 44, 56)", DefaultValueFactory = _ => 20 };
        var batch = new Option<int>("--batch") { Description = "batch size", DefaultValueFactory = _ => 128 };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads", DefaultValueFactory = _ => 2 };
        var iters = new Option<int>("--iters") { Description = "timed repeats per measurement", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "untimed runs first", DefaultValueFactory = _ => 2 };
        var only = new Option<string?>("--only") { Description = "comma list of measurements (default: all five)" };
        var sampling = new Option<string>("--noise") { Description = "per-sample (paper, default) or shared (reference code: one draw per batch)", DefaultValueFactory = _ => "per-sample" };
        sampling.AcceptOnlyFromAmong("per-sample", "shared");
        var generator = new Option<string>("--noise-generator") { Description = "philox (default) or torch (libtorch's randn, as before the Philox sampler)", DefaultValueFactory = _ => "philox" };
        generator.AcceptOnlyFromAmong("philox", "torch");
        var json = CommonOptions.Json();
        var command = new Command("bench", "Time one Learn2Perturb iteration and its parts (compare with scripts/bench/torch_baseline.py)")
        {
            depth, batch, threads, iters, warmup, only, sampling, generator, json,
        };
        command.SetAction(p => Run(new Settings(p.GetValue(depth), p.GetValue(batch), p.GetValue(threads), p.GetValue(iters), p.GetValue(warmup),
            p.GetValue(only), p.GetValue(sampling) == "shared" ? NoiseSampling.SharedAcrossBatch : NoiseSampling.PerSample,
            p.GetValue(generator) == "torch" ? NoiseGenerator.Torch : NoiseGenerator.Philox), p.GetValue(json)));
        return command;
    }

    private sealed record Settings(int Depth, int Batch, int Threads, int Iters, int Warmup, string? Only, NoiseSampling Sampling, NoiseGenerator Generator);

    private static int Run(Settings s, bool json)
    {
        if (s.Iters < 1 || s.Warmup < 0 || s.Batch < 1 || s.Threads < 1)
            throw new ArgumentException("--iters, --batch and --threads must be ≥ 1 and --warmup ≥ 0");
        var names = string.IsNullOrWhiteSpace(s.Only) ? TrainingBenchmark.Names : s.Only.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Compute.Initialize(s.Threads);
        Compute.TrySetInteropThreads(1); // as the baseline script: one inter-op thread
        var clock = Stopwatch.StartNew();
        using var bench = new TrainingBenchmark(s.Depth, s.Batch, seed: 0, s.Sampling, s.Generator);
        Console.WriteLine($"# torchsharp {typeof(TorchSharp.torch).Assembly.GetName().Version}  device {Compute.Device}  threads {TorchSharp.torch.get_num_threads()}  " +
                          $"depth {s.Depth}  batch {s.Batch}  noise {s.Sampling}  generator {s.Generator}  params {bench.Parameters}");
        Console.WriteLine($"{"measurement",-12} {"imgs",5} {"min_s",9} {"median_s",9} {"img/s(med)",10} {"peak MiB",9}");
        var results = new Dictionary<string, BenchResult>();
        foreach (var name in names)
        {
            var r = bench.Measure(name, s.Warmup, s.Iters);
            results[name] = r;
            Console.WriteLine($"{name,-12} {r.Imgs,5} {r.MinS,9:F4} {r.MedianS,9:F4} {r.ImgPerSMedian,10:F1} {r.PeakRssMib,9:F0}");
        }
        double maxRss = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        Console.WriteLine($"peak RSS {maxRss:F1} MiB, wall {clock.Elapsed.TotalSeconds:F1} s");
        if (json)
            Json.WriteLastLine(new
            {
                impl = "torchsharp", device = Compute.Device.ToString(), threads = s.Threads, depth = s.Depth, batch = s.Batch,
                iters = s.Iters, warmup = s.Warmup, noise = s.Sampling.ToString(), noise_generator = s.Generator.ToString(), results,
                wall_s = Math.Round(clock.Elapsed.TotalSeconds, 2), maxrss_mib = Math.Round(maxRss, 1),
            });
        return 0;
    }
}
