using Learn2Perturb.Attacks;
using Learn2Perturb.Data;
using static TorchSharp.torch;

namespace Learn2Perturb.Evaluation;

/// <summary>
/// Attack-strength sweeps with their sanity checks (docs/method.md §5 "ε sweeps", §7): accuracy must fall towards 0 as ε
/// grows, and more steps must never help the defender. Each point is evaluated like
/// <see cref="RobustnessEvaluator"/> does (same repeats, same re-sampling).
/// </summary>
public static class RobustnessSweeps
{
    /// <summary>
    /// Accuracy at each ε (sorted ascending) under <paramref name="attackAt"/>(ε). Warns when accuracy rises with ε
    /// or is above <paramref name="nearZero"/> % at the largest ε (only meaningful when that ε is large).
    /// </summary>
    public static SweepReport Epsilon(nn.Module<Tensor, Tensor> model, TensorDataset test, Func<double, IAttack> attackAt,
        IReadOnlyList<double> epsilons, int repeats, int batchSize = 256, double nearZero = 5, CancellationToken cancel = default)
    {
        var values = Sorted(epsilons, nameof(epsilons));
        var report = Run(model, test, "epsilon", values, v => attackAt(v), repeats, batchSize, cancel);
        return report with { Warnings = SanityChecks.AccuracyAgainstEpsilon(report.Points.Select(p => (p.Value, p.Accuracy)).ToList(), nearZero) };
    }

    /// <summary>Accuracy at each number of steps (sorted ascending) under <paramref name="attackWith"/>(steps).</summary>
    public static SweepReport Steps(nn.Module<Tensor, Tensor> model, TensorDataset test, Func<int, IAttack> attackWith,
        IReadOnlyList<int> steps, int repeats, int batchSize = 256, CancellationToken cancel = default)
    {
        var values = Sorted(steps.Select(s => (double)s).ToList(), nameof(steps));
        var report = Run(model, test, "steps", values, v => attackWith((int)v), repeats, batchSize, cancel);
        return report with { Warnings = SanityChecks.AccuracyAgainstSteps(report.Points.Select(p => ((int)p.Value, p.Accuracy)).ToList()) };
    }

    private static SweepReport Run(nn.Module<Tensor, Tensor> model, TensorDataset test, string parameter, IReadOnlyList<double> values,
        Func<double, IAttack> make, int repeats, int batchSize, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var attacks = values.Select(make).ToList();
        // One pass over the data per repeat serves every point; names may repeat across points (PGD-7 at each ε).
        var accuracies = RobustnessEvaluator.Accuracies(model, test, attacks, repeats, batchSize, cancel);
        var points = values.Select((v, i) => new SweepPoint(v, attacks[i].Name, MeanStd.Of(accuracies[i + 1]))).ToList();
        return new SweepReport(parameter, points, MeanStd.Of(accuracies[0]), repeats, clock.Elapsed.TotalSeconds);
    }

    private static IReadOnlyList<double> Sorted(IReadOnlyList<double> values, string name)
    {
        if (values is null || values.Count == 0) throw new ArgumentException("a sweep needs at least one value", name);
        if (values.Distinct().Count() != values.Count) throw new ArgumentException("sweep values must be distinct", name);
        return values.Order().ToList();
    }
}
