using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Evaluation;

/// <summary>
/// Runs an <see cref="AttackSuite"/> over a test set <c>repeats</c> times (noise and random starts re-sampled each
/// time) and reports mean ± std per step, with the first-batch sanity checks of <see cref="RobustnessEvaluator"/>.
/// </summary>
public static class SuiteEvaluator
{
    public static SuiteReport Evaluate(nn.Module<Tensor, Tensor> model, TensorDataset test, AttackSuite suite, int repeats,
        int batchSize = 256, CancellationToken cancel = default)
    {
        RobustnessEvaluator.Validate(test, repeats, batchSize);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var mode = model.EvalMode();
        var warnings = SanityChecks.OnFirstBatch(model, test, suite.Attacks);
        var results = Enumerable.Range(0, repeats).Select(_ => RunOnce(model, test, suite, batchSize, cancel)).ToList();
        var steps = suite.Attacks.Select((a, i) => new SuiteStepAccuracy(a.Name, MeanStd.Of(results.Select(r => r.AccuracyAfter(i)).ToList()))).ToList();
        bool stochastic = model.IsStochastic();
        string resampled = stochastic ? "noise draws and attack random starts" : "attack random starts (the model is deterministic)";
        return new SuiteReport(MeanStd.Of(results.Select(r => r.CleanAccuracy).ToList()), steps,
            MeanStd.Of(results.Select(r => r.WorstCaseAccuracy).ToList()), repeats, test.Count, resampled, clock.Elapsed.TotalSeconds)
        {
            Warnings = warnings,
        };
    }

    private static SuiteResult RunOnce(nn.Module<Tensor, Tensor> model, TensorDataset test, AttackSuite suite, int batchSize, CancellationToken cancel)
    {
        var parts = new List<SuiteResult>();
        foreach (var (x, y) in test.Batches(batchSize, shuffle: false))
        {
            cancel.ThrowIfCancellationRequested();
            Compute.ReleaseNativeGarbage();
            using var batchX = x;
            using var batchY = y;
            parts.Add(suite.Run(model, x, y));
        }
        return SuiteResult.Combine(parts);
    }
}
