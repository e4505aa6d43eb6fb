using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using static TorchSharp.torch;

namespace Learn2Perturb.Evaluation;

/// <summary>
/// Evaluates a minimal attack (C&amp;W, few-pixel) over a test set, repeated <c>repeats</c> times (docs/method.md §5),
/// after its sanity checks (<see cref="SanityChecks.MinimalAttack"/>). On a deterministic model an attack without a
/// random start re-samples nothing, so its first repeat stands for the others: the numbers are those of running it
/// again; only the time is saved.
/// </summary>
public static class MinimalAttackEvaluator
{
    public static MinimalAttackReport Evaluate(nn.Module<Tensor, Tensor> model, TensorDataset test, IMinimalAttack attack,
        int repeats, int batchSize = 256, CancellationToken cancel = default)
    {
        RobustnessEvaluator.Validate(test, repeats, batchSize);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var mode = model.EvalMode();
        var warnings = SanityChecks.MinimalAttack(model, test, attack, repeats);
        bool fixedAttack = !attack.Description.RandomStart && RobustnessEvaluator.Deterministic(model, test);
        var rates = new List<double>();
        var distances = new List<double>();
        var attempted = new List<double>();
        string measure = "";
        for (int r = 0; r < repeats; r++)
        {
            if (fixedAttack && r > 0)
            {
                rates.Add(rates[0]);
                distances.Add(distances[0]);
                attempted.Add(attempted[0]);
                continue;
            }
            int tried = 0, succeeded = 0;
            double distanceSum = 0;
            foreach (var (x, y) in test.Batches(batchSize, shuffle: false))
            {
                cancel.ThrowIfCancellationRequested();
                Compute.ReleaseNativeGarbage();
                using var batchX = x;
                using var batchY = y;
                using var result = attack.Perturb(model, x, y);
                measure = result.DistanceMeasure;
                tried += result.AttemptedCount;
                succeeded += result.SuccessCount;
                distanceSum += result.Distance.Where((_, i) => result.Success[i]).Sum();
            }
            rates.Add(tried == 0 ? double.NaN : 100.0 * succeeded / tried);
            distances.Add(succeeded == 0 ? double.NaN : distanceSum / succeeded);
            attempted.Add(100.0 * tried / test.Count);
        }
        return new MinimalAttackReport(attack.Name, MeanStd.Of(rates), MeanStd.Of(distances), measure,
            MeanStd.Of(attempted), repeats, test.Count, attack.Description.ForwardPassesPerGradient, clock.Elapsed.TotalSeconds,
            warnings, attack.SuccessDraws);
    }
}
