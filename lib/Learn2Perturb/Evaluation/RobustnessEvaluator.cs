using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Evaluation;

/// <summary>
/// Accuracy under attack, repeated <c>repeats</c> times (docs/method.md §5). The model is evaluated as it will be
/// deployed: BatchNorm in eval mode, noise left as the model has it (on, for Learn2Perturb), one stochastic forward
/// pass per prediction. Each repeat re-samples the noise and the attacks' random starts. The report records each
/// attack's forward passes per gradient and carries the sanity checks that failed (docs/method.md §7): a randomised model
/// attacked without EOT, zero input gradients (both on the first batch), and a black-box attack beating the white-box
/// attacks of the same threat model. Besides each attack's accuracy on its adversarial examples (the paper's columns),
/// it records the worst case per image (AutoAttack's robust flags): an image counts only if the clean pass and every
/// attack's example are classified correctly, in the same repeat. Every attack runs on every image, since the
/// per-attack columns need them all; the worst case comes from the same predictions at no extra cost.
/// </summary>
public static class RobustnessEvaluator
{
    public static RobustnessReport Evaluate(nn.Module<Tensor, Tensor> model, TensorDataset test,
        IReadOnlyList<IAttack> attacks, int repeats, int batchSize = 256, CancellationToken cancel = default)
    {
        Validate(test, repeats, batchSize);
        var duplicate = attacks.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"attack '{duplicate.Key}' appears twice: names key the report", nameof(attacks));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var mode = model.EvalMode();
        bool stochastic = model.IsStochastic();
        var warnings = SanityChecks.OnFirstBatch(model, test, attacks);
        var seconds = new double[attacks.Count];
        var accuracies = Accuracies(model, test, attacks, repeats, batchSize, cancel, seconds);
        var robust = attacks.Select((a, i) => (a.Name, Value: MeanStd.Of(accuracies[i + 1]))).ToDictionary(p => p.Name, p => p.Value);
        warnings.AddRange(BlackBoxChecks(attacks, robust));
        return new RobustnessReport(MeanStd.Of(accuracies[0]), robust, repeats, test.Count, stochastic,
            Resampled(stochastic, attacks), 1, clock.Elapsed.TotalSeconds)
        {
            WorstCase = MeanStd.Of(accuracies[^1]),
            AttackDescriptions = attacks.ToDictionary(a => a.Name, a => a.Description),
            AttackSeconds = attacks.Select((a, i) => (a.Name, seconds[i])).ToDictionary(p => p.Name, p => p.Item2),
            Warnings = warnings,
        };
    }

    /// <summary>
    /// Accuracy in percent per repeat: index 0 clean, then one list per attack, then the worst case per image (correct
    /// clean and under every attack); adds each attack's time to <paramref name="seconds"/>.
    /// </summary>
    internal static List<double>[] Accuracies(nn.Module<Tensor, Tensor> model, TensorDataset test, IReadOnlyList<IAttack> attacks,
        int repeats, int batchSize, CancellationToken cancel, double[]? seconds = null)
    {
        Validate(test, repeats, batchSize);
        using var mode = model.EvalMode();
        var result = Enumerable.Range(0, attacks.Count + 2).Select(_ => new List<double>()).ToArray();
        var reused = Deterministic(model, test) ? new RepeatedPasses(attacks) : null;
        for (int r = 0; r < repeats; r++)
        {
            var counts = CountCorrect(model, test, attacks, batchSize, cancel, seconds ?? new double[attacks.Count], reused);
            for (int a = 0; a < counts.Length; a++) result[a].Add(100.0 * counts[a] / test.Count);
        }
        return result;
    }

    /// <summary>
    /// No noise module is on and two forward passes on the first images agree: every pass that re-samples nothing
    /// gives the same predictions in every repeat.
    /// </summary>
    internal static bool Deterministic(nn.Module<Tensor, Tensor> model, TensorDataset test)
    {
        using var scope = NewDisposeScope();
        return model.PassesAgree(test.Images[..(int)Math.Min(64, test.Count)]);
    }

    /// <summary>
    /// On a deterministic model, the per-image results of the passes that re-sample nothing — the clean pass and each
    /// attack without a random start whose examples come from a deterministic model (the target, or a transfer
    /// attack's source) — recorded in the first repeat and reused by the later ones, which then run only the attacks
    /// with random starts. The numbers are those of running them again; only the time is saved.
    /// </summary>
    private sealed class RepeatedPasses(IReadOnlyList<IAttack> attacks)
    {
        private readonly bool[] fixedAttack = [.. attacks.Select(a => !a.Description.RandomStart && (a is not TransferAttack t || !t.Source.IsStochastic()))];
        private readonly List<bool[]>[] recorded = [.. Enumerable.Range(0, attacks.Count + 1).Select(_ => new List<bool[]>())];

        /// <summary>Pass 0 is the clean pass, pass a + 1 attack a.</summary>
        public bool Fixed(int pass) => pass == 0 || fixedAttack[pass - 1];

        public bool TryGet(int pass, int batch, Tensor like, out Tensor correct)
        {
            correct = null!;
            if (!Fixed(pass) || batch >= recorded[pass].Count) return false;
            correct = tensor(recorded[pass][batch], device: like.device);
            return true;
        }

        public void Record(int pass, int batch, Tensor correct)
        {
            if (Fixed(pass) && batch == recorded[pass].Count) recorded[pass].Add(correct.cpu().data<bool>().ToArray());
        }
    }

    internal static void Validate(TensorDataset test, int repeats, int batchSize)
    {
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "repeats must be ≥ 1");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be ≥ 1");
        if (test.Count == 0) throw new ArgumentException("the test set is empty", nameof(test));
    }

    private static string Resampled(bool stochastic, IReadOnlyList<IAttack> attacks)
    {
        var starts = attacks.Where(a => a.Description.RandomStart).Select(a => a.Name).ToList();
        string startText = starts.Count == 0 ? "no attack has a random start" : $"random starts of {string.Join(", ", starts)}";
        return stochastic ? $"noise draws and {startText}" : $"{startText} (the model is deterministic)";
    }

    /// <summary>Each black-box attack against the strongest white-box attack with the same threat model.</summary>
    private static IEnumerable<SanityWarning> BlackBoxChecks(IReadOnlyList<IAttack> attacks, IReadOnlyDictionary<string, MeanStd> robust)
    {
        foreach (var black in attacks.Where(a => !a.Description.UsesGradients))
        {
            var white = attacks.Where(a => a.Description.UsesGradients && a.Threat == black.Threat).MinBy(a => robust[a.Name].Mean);
            if (white is null) continue;
            foreach (var w in SanityChecks.BlackBoxAgainstWhiteBox(black.Name, robust[black.Name], white.Name, robust[white.Name])) yield return w;
        }
    }

    /// <summary>Correct predictions: index 0 clean, then one per attack, then the images correct in all of them.</summary>
    private static long[] CountCorrect(nn.Module<Tensor, Tensor> model, TensorDataset test, IReadOnlyList<IAttack> attacks,
        int batchSize, CancellationToken cancel, double[] seconds, RepeatedPasses? reused)
    {
        var counts = new long[attacks.Count + 2];
        int batch = 0;
        foreach (var (x, y) in test.Batches(batchSize, shuffle: false))
        {
            cancel.ThrowIfCancellationRequested();
            Compute.ReleaseNativeGarbage(); // the previous batch's (see why there)
            using var batchX = x;
            using var batchY = y;
            using var scope = NewDisposeScope();
            var robust = Pass(reused, 0, batch, y, () => Correct(model, x, y)); // the clean pass, then narrowed by each attack in place
            counts[0] += robust.sum().item<long>();
            for (int a = 0; a < attacks.Count; a++)
            {
                using var attackScope = NewDisposeScope();
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                var attack = attacks[a];
                var correct = Pass(reused, a + 1, batch, y, () => Correct(model, attack.Perturb(model, x, y), y));
                counts[a + 1] += correct.sum().item<long>();
                robust.logical_and_(correct);
                seconds[a] += System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
            counts[^1] += robust.sum().item<long>();
            batch++;
        }
        return counts;
    }

    /// <summary>A pass's per-image correctness: recorded earlier where nothing is re-sampled, else computed (and recorded).</summary>
    private static Tensor Pass(RepeatedPasses? reused, int pass, int batch, Tensor like, Func<Tensor> run)
    {
        if (reused is not null && reused.TryGet(pass, batch, like, out var stored)) return stored;
        var correct = run();
        reused?.Record(pass, batch, correct);
        return correct;
    }

    /// <summary>
    /// Per sample [N]: one forward pass predicts y. The pass runs in inference mode (no autograd bookkeeping at all); its
    /// [N] result is cloned outside it, since the caller narrows it in place and inference tensors are read-only there.
    /// </summary>
    private static Tensor Correct(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        Tensor correct;
        using (inference_mode()) correct = model.forward(x).argmax(1).eq(y);
        return correct.clone().MoveToOuterDisposeScope();
    }
}
