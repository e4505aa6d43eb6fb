using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Evaluation;

/// <summary>
/// The sanity checks of docs/method.md §7, each returning the warnings it raises (none when the check passes). Checks that
/// compare two accuracies allow for the noise of a stochastic evaluation: a difference counts only beyond
/// <see cref="Slack"/> = 2·√(s₁² + s₂²) + 0.5 percentage points, from the two results' standard deviations.
/// </summary>
public static class SanityChecks
{
    // The first-batch checks look at this many samples: enough to see randomness or dead gradients, cheap to run.
    private const int CheckSamples = 64;

    /// <summary>
    /// The checks an evaluator runs before attacking: on the first (up to) 64 test samples, whether the model is
    /// randomised while some gradient attack has no EOT (or EOT in one batch against batch-shared noise), whether some
    /// input gradients are exactly zero, and, on a randomised model, whether an unbounded PGD (<see cref="UnboundedAttack"/>,
    /// with as many EOT draws as the evaluation's attacks use at most) drives the accuracy to ≈ 0.
    /// </summary>
    public static List<SanityWarning> OnFirstBatch(nn.Module<Tensor, Tensor> model, TensorDataset test, IReadOnlyList<IAttack> attacks)
    {
        if (test.Count == 0) return [];
        using var scope = NewDisposeScope();
        var (x, y) = test.Batches(Math.Min(CheckSamples, test.Count), shuffle: false).First();
        var descriptions = attacks.Select(a => (a.Name, a.Description)).ToList();
        List<SanityWarning> warnings = [.. StochasticWithoutEot(model, x, descriptions), .. ZeroGradients(model, x, y)];
        if (model.IsRandomised(x))
        {
            int eot = descriptions.Where(d => d.Description.UsesGradients).Select(d => d.Description.ForwardPassesPerGradient).DefaultIfEmpty(1).Max();
            warnings.AddRange(UnboundedAttack(model, x, y, eot));
        }
        return warnings;
    }

    /// <summary>
    /// AutoAttack's check_randomized: two forward passes on the same batch differ, so gradient attacks need EOT. Every
    /// white-box attack with one pass per gradient is named in the warning.
    /// </summary>
    public static IReadOnlyList<SanityWarning> StochasticWithoutEot(nn.Module<Tensor, Tensor> model, Tensor x, IEnumerable<(string Name, AttackDescription Description)> attacks)
    {
        if (!model.IsRandomised(x)) return [];
        var white = attacks.Where(a => a.Description.UsesGradients).ToList();
        var plain = white.Where(a => !a.Description.UsesEot).Select(a => a.Name).ToList();
        var warnings = new List<SanityWarning>();
        if (plain.Count > 0)
            warnings.Add(new(SanityCheck.StochasticWithoutEot, $"the model's output changes between forward passes on the same input, but {string.Join(", ", plain)} " +
                "took one forward pass per gradient: without EOT the attack follows one noise draw and its accuracy overstates robustness"));
        var inOneBatch = white.Where(a => a.Description.UsesEot && a.Description.EotInOneBatch).Select(a => a.Name).ToList();
        if (inOneBatch.Count > 0 && SharesNoiseAcrossBatch(model, x))
            warnings.Add(new(SanityCheck.StochasticWithoutEot, $"{string.Join(", ", inOneBatch)} took its EOT draws as copies in one batch, but the model " +
                "draws one noise sample per batch: every copy saw the same draw, so this is one draw per gradient, no EOT"));
        return warnings;
    }

    /// <summary>True when copies of one input in one batch get identical logits from a randomised model (noise shared by the batch).</summary>
    public static bool SharesNoiseAcrossBatch(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var mode = model.EvalMode();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var logits = model.forward(x[..1].expand(4, -1, -1, -1).contiguous());
        return logits.allclose(logits[..1].expand_as(logits), rtol: 0, atol: 0);
    }

    /// <summary>
    /// The checks of a minimal attack on a randomised model (first up to 64 test samples): its objective must average
    /// more than one draw (EOT), its success must be decided on more than one fresh draw, and one repeat gives no std.
    /// </summary>
    public static List<SanityWarning> MinimalAttack(nn.Module<Tensor, Tensor> model, TensorDataset test, IMinimalAttack attack, int repeats)
    {
        if (test.Count == 0) return [];
        using var scope = NewDisposeScope();
        var (x, _) = test.Batches(Math.Min(CheckSamples, test.Count), shuffle: false).First();
        if (!model.IsRandomised(x)) return [];
        var warnings = new List<SanityWarning>();
        if (!attack.Description.UsesEot)
            warnings.Add(new(SanityCheck.StochasticWithoutEot, $"the model's output changes between forward passes on the same input, but {attack.Name} " +
                "averaged its objective over one draw: without EOT the search follows one noise draw"));
        if (attack.SuccessDraws < 2)
            warnings.Add(new(SanityCheck.StochasticWithoutEot, $"{attack.Name} decided success on one forward pass of a randomised model: " +
                "one lucky draw counts as a success; decide by a majority of fresh draws"));
        if (repeats < 2)
            warnings.Add(new(SanityCheck.StochasticWithoutEot, $"{attack.Name} ran once on a randomised model: its success rate has no repeat std"));
        return warnings;
    }

    /// <summary>AutoAttack's check_zero_gradients: samples whose cross-entropy input gradient is exactly 0.</summary>
    public static IReadOnlyList<SanityWarning> ZeroGradients(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var mode = model.EvalMode();
        using var scope = NewDisposeScope();
        var xg = x.detach().requires_grad_(true);
        var loss = nn.functional.cross_entropy(model.forward(xg), y, reduction: nn.Reduction.Sum);
        var grad = autograd.grad([loss], [xg])[0];
        long zero = grad.flatten(1).abs().amax([1]).eq(0).sum().item<long>();
        return zero == 0 ? [] :
        [
            new(SanityCheck.ZeroGradients, $"{zero} of {x.shape[0]} inputs have an input gradient of exactly 0: gradient attacks cannot move them " +
                "(gradient masking, saturated softmax or a non-differentiable layer); try a black-box or a margin-loss attack"),
        ];
    }

    /// <summary>
    /// The unbounded-attack probe (accuracy must reach ~0 as ε grows): PGD from x, without random start, with L∞
    /// ε = 0.5, 20 steps of 0.05 and <paramref name="eotSamples"/> draws per gradient. Warns when more than
    /// <paramref name="nearZero"/> % of the samples survive a budget that can repaint half the pixel range.
    /// </summary>
    public static IReadOnlyList<SanityWarning> UnboundedAttack(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int eotSamples = 1, double nearZero = 5)
    {
        using var scope = NewDisposeScope();
        var probe = new Pgd(new ThreatModel(0.5), new PgdOptions(Steps: 20, StepSize: 0.05, RandomStart: false, EotSamples: eotSamples));
        var adv = probe.Perturb(model, x, y);
        double accuracy;
        using (no_grad()) accuracy = 100.0 * model.forward(adv).argmax(1).eq(y).sum().item<long>() / x.shape[0];
        return accuracy <= nearZero ? [] :
        [
            new(SanityCheck.AccuracyNotVanishing, $"{accuracy:F1}% of the samples survive {probe.Name} at L∞ ε = 0.5 (expected ≤ {nearZero}%): " +
                "the gradients do not lead the attack anywhere, a sign of gradient masking"),
        ];
    }

    /// <summary>Robust accuracy against ε (ascending): should fall, and be near 0 (≤ <paramref name="nearZero"/> %) at the largest ε.</summary>
    public static IReadOnlyList<SanityWarning> AccuracyAgainstEpsilon(IReadOnlyList<(double Epsilon, MeanStd Accuracy)> sweep, double nearZero = 5)
    {
        var warnings = new List<SanityWarning>();
        for (int i = 1; i < sweep.Count; i++)
        {
            var (e0, a0) = sweep[i - 1];
            var (e1, a1) = sweep[i];
            if (a1.Mean > a0.Mean + Slack(a0, a1))
                warnings.Add(new(SanityCheck.AccuracyNotVanishing, $"accuracy rose from {a0} at ε = {e0:G4} to {a1} at ε = {e1:G4}: a larger ball cannot make the model safer"));
        }
        if (sweep.Count > 0 && sweep[^1].Accuracy.Mean > nearZero)
            warnings.Add(new(SanityCheck.AccuracyNotVanishing, $"accuracy is still {sweep[^1].Accuracy} at the largest ε = {sweep[^1].Epsilon:G4} (expected ≤ {nearZero}%): the attack may not be finding the adversarial examples that exist"));
        return warnings;
    }

    /// <summary>Robust accuracy against the number of attack steps (ascending): more steps must not help the defender.</summary>
    public static IReadOnlyList<SanityWarning> AccuracyAgainstSteps(IReadOnlyList<(int Steps, MeanStd Accuracy)> sweep)
    {
        var warnings = new List<SanityWarning>();
        for (int i = 1; i < sweep.Count; i++)
        {
            var (s0, a0) = sweep[i - 1];
            var (s1, a1) = sweep[i];
            if (a1.Mean > a0.Mean + Slack(a0, a1))
                warnings.Add(new(SanityCheck.MoreStepsHelpDefender, $"accuracy rose from {a0} with {s0} steps to {a1} with {s1} steps: a stronger attack cannot help the defender"));
        }
        return warnings;
    }

    /// <summary>A black-box attack must not beat the strongest white-box attack of the same budget.</summary>
    public static IReadOnlyList<SanityWarning> BlackBoxAgainstWhiteBox(string blackBox, MeanStd blackBoxAccuracy, string whiteBox, MeanStd whiteBoxAccuracy) =>
        blackBoxAccuracy.Mean + Slack(blackBoxAccuracy, whiteBoxAccuracy) < whiteBoxAccuracy.Mean
            ? [new(SanityCheck.BlackBoxBeatsWhiteBox, $"black-box {blackBox} ({blackBoxAccuracy}) beat white-box {whiteBox} ({whiteBoxAccuracy}): the white-box gradients are probably masked")]
            : [];

    /// <summary>How far apart two accuracies must be before the difference counts, in percentage points.</summary>
    public static double Slack(MeanStd a, MeanStd b) => 2 * Math.Sqrt(a.Std * a.Std + b.Std * b.Std) + 0.5;
}
