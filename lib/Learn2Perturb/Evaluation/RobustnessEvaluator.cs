using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Evaluation;

/// <summary>
/// Accuracy under attack, repeated <c>repeats</c> times (PAPER.md §5). The model is evaluated as it will be
/// deployed: BatchNorm in eval mode, noise left as the model has it (on, for Learn2Perturb), one stochastic forward
/// pass per prediction. Each repeat re-samples the noise and the attacks' random starts.
/// </summary>
public static class RobustnessEvaluator
{
    public static RobustnessReport Evaluate(nn.Module<Tensor, Tensor> model, TensorDataset test,
        IReadOnlyList<IAttack> attacks, int repeats, int batchSize = 256, CancellationToken cancel = default)
    {
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "repeats must be ≥ 1");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be ≥ 1");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var mode = model.EvalMode();
        bool stochastic = model.IsStochastic();
        var clean = new List<double>();
        var robust = attacks.ToDictionary(a => a.Name, _ => new List<double>());
        for (int r = 0; r < repeats; r++)
        {
            var counts = CountCorrect(model, test, attacks, batchSize, cancel);
            clean.Add(100.0 * counts[0] / test.Count);
            for (int a = 0; a < attacks.Count; a++) robust[attacks[a].Name].Add(100.0 * counts[a + 1] / test.Count);
        }
        string resampled = stochastic ? "noise draws and attack random starts" : "attack random starts (the model is deterministic)";
        return new RobustnessReport(MeanStd.Of(clean), robust.ToDictionary(kv => kv.Key, kv => MeanStd.Of(kv.Value)),
            repeats, test.Count, stochastic, resampled, 1, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Correct predictions: index 0 clean, then one per attack.</summary>
    private static long[] CountCorrect(nn.Module<Tensor, Tensor> model, TensorDataset test, IReadOnlyList<IAttack> attacks,
        int batchSize, CancellationToken cancel)
    {
        var counts = new long[attacks.Count + 1];
        foreach (var (x, y) in test.Batches(batchSize, shuffle: false))
        {
            cancel.ThrowIfCancellationRequested();
            Compute.ReleaseNativeGarbage(); // the previous batch's (see why there)
            using var batchX = x;
            using var batchY = y;
            using var scope = NewDisposeScope();
            counts[0] += Correct(model, x, y);
            for (int a = 0; a < attacks.Count; a++)
            {
                using var attackScope = NewDisposeScope();
                counts[a + 1] += Correct(model, attacks[a].Perturb(model, x, y), y);
            }
        }
        return counts;
    }

    private static long Correct(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var _ = no_grad();
        return model.forward(x).argmax(1).eq(y).sum().item<long>();
    }
}
