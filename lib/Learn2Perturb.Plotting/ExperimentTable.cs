using System.Globalization;
using Learn2Perturb.Experiments;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;

namespace Learn2Perturb.Plotting;

/// <summary>
/// The preview every notebook shows before it trains: one row per experiment config, what is trained (model, data,
/// epochs, the adversarial-training ε, the noise settings of a Learn2Perturb model) and how it is evaluated (test images,
/// repeats, attacks, minimal attacks).
/// </summary>
public static class ExperimentTable
{
    public static IReadOnlyList<ExperimentTableRow> Rows(IEnumerable<ExperimentConfig> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        return [.. configs.Select(Row)];
    }

    private static ExperimentTableRow Row(ExperimentConfig c)
    {
        var t = c.Training;
        var o = t.Options;
        return new ExperimentTableRow(c.Name, $"{t.Model} / {t.Defense}", t.Dataset, t.TrainImages?.ToString(CultureInfo.InvariantCulture) ?? "all",
            o.Epochs, $"{o.AdversarialThreat.Epsilon * 255:0.#}/255", o.Seed, Noise(c), c.Evaluation.TestImages?.ToString(CultureInfo.InvariantCulture) ?? "all",
            c.Evaluation.Repeats, string.Join(" ", c.Evaluation.Attacks.Select(a => a.Name)),
            string.Join("; ", (c.Evaluation.Minimal ?? []).Select(Minimal)));
    }

    /// <summary>The θ settings of a Learn2Perturb model (γ, annealing, update scheme, θ0, θmin, sampling, placement) and test-time noise.</summary>
    private static string Noise(ExperimentConfig c)
    {
        var t = c.Training;
        if (t.Defense is not ("l2p" or "l2p-r"))
            return t.Defense is "none" or "vanilla" ? "none" : "the defence's own" + (c.Evaluation.TestTimeNoise == NoiseMode.Off ? ", off at test time" : "");
        var r = t.Options.Regularizer;
        var p = t.Perturbation ?? new PerturbationOptions();
        return FormattableString.Invariant($"γ {r.Gamma:g} ({r.Annealing}), {t.Options.Scheme}, θ0 {p.Theta0}, θmin {p.ThetaMin}, {p.Sampling}, {p.Placement?.ToString() ?? "stem and blocks"}") +
               (c.Evaluation.TestTimeNoise == NoiseMode.Off ? ", off at test time" : "");
    }

    private static string Minimal(MinimalAttackSpec m) => m.Kind == "cw-l2"
        ? FormattableString.Invariant($"C&W κ={m.Confidence} ({m.BinarySearchSteps} × {m.Steps} steps, {m.Images} images × {m.Repeats})")
        : FormattableString.Invariant($"{m.Pixels}-pixel (population {m.Population} × {m.Iterations}, {m.Images} images × {m.Repeats})");
}

/// <summary>One experiment of <see cref="ExperimentTable"/>.</summary>
public sealed record ExperimentTableRow(string Experiment, string Trained, string Dataset, string TrainImages, int Epochs, string TrainingEpsilon, long Seed,
    string Noise, string TestImages, int Repeats, string Attacks, string MinimalAttacks);
