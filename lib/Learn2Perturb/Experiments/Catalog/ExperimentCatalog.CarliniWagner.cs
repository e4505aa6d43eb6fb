namespace Learn2Perturb.Experiments;

/// <summary>
/// <c>cw/resnet-v1-20/&lt;defence&gt;</c> (notebook 04): Carlini–Wagner L2 with a sweep of the confidence κ (docs/method.md §5,
/// "C&amp;W L2: confidence κ sweep, binary search over c; report success rate / mean L2 distance") on the defences of
/// Tables 1–2, trained as in the tables (same training configs, so the tables' models are reused). The paper claims a
/// C&amp;W table but its numbers are not available to us (docs/method.md §6): no paper numbers are attached.
/// </summary>
public static partial class ExperimentCatalog
{
    /// <summary>The κ values of the sweep (logit margin the adversarial example must reach).</summary>
    public static IReadOnlyList<double> CwConfidences { get; } = [0, 0.5, 1, 2, 5];

    /// <summary>
    /// <paramref name="config"/>'s C&amp;W sweep at the confidences <paramref name="kappas"/> instead of
    /// <see cref="CwConfidences"/>, every other C&amp;W setting kept (a notebook's parameters cell); null keeps the config.
    /// </summary>
    /// <exception cref="ArgumentException">The config runs no C&amp;W attack, no κ is given, or a κ is negative or not finite.</exception>
    public static ExperimentConfig WithConfidences(ExperimentConfig config, IEnumerable<double>? kappas)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (kappas is null) return config;
        var list = kappas.ToList();
        if (list.Count == 0 || list.Any(k => !(k >= 0) || double.IsInfinity(k)))
            throw new ArgumentException($"κ values are finite numbers ≥ 0, at least one; got [{string.Join(", ", list)}]", nameof(kappas));
        var template = config.Evaluation.Minimal?.FirstOrDefault(m => m.Kind == "cw-l2")
            ?? throw new ArgumentException($"'{config.Name}' runs no C&W attack to sweep κ over", nameof(config));
        var others = config.Evaluation.Minimal!.Where(m => m.Kind != "cw-l2");
        return config with { Evaluation = config.Evaluation with { Minimal = [.. list.Select(k => template with { Confidence = k }), .. others] } };
    }

    private static IEnumerable<Entry> CarliniWagnerKappa()
    {
        foreach (var defense in new[] { "none", "vanilla", "pni", "adv-bnn", "l2p" })
            yield return new Entry($"cw/resnet-v1-20/{defense}", "cifar10", "resnet-v1-20", TrainedAs(defense), [], null, CwEvaluation);
    }

    /// <summary>
    /// Clean accuracy and white-box PGD-7 at 8/255 for context, then C&amp;W L2 at every κ of <see cref="CwConfidences"/>
    /// on the correctly classified images only (an image the model already gets wrong would count as a success at
    /// L2 ≈ 0). Smoke: PGD on 32 test images, C&amp;W on 8 with 3 × 5 Adam steps; quick: 100 images, 5 × 50 steps,
    /// 2 repeats; paper: 1,000 images, Carlini and Wagner's budget (9 rounds of up to 10,000 Adam steps with early
    /// abort) with 10 EOT draws, 3 repeats. Success is decided by a majority of 5 fresh draws.
    /// </summary>
    private static EvaluationConfig CwEvaluation(Profile profile)
    {
        var b = ProfileBudget.For(profile);
        MinimalAttackSpec[] sweep = b.CarliniWagnerBudget is { } cw
            ? [.. CwConfidences.Select(k => MinimalAttackSpec.CarliniWagner(cw.Images, cw.BinarySearchSteps, cw.Steps, k, correctOnly: true) with { Repeats = cw.Repeats })]
            : b.CarliniWagnerPaper is { } paper
                ? [.. CwConfidences.Select(k => MinimalAttackSpec.CarliniWagnerPaperBudget(paper.Images, k, eotSamples: paper.EotSamples) with { Repeats = paper.Repeats })]
                : throw new InvalidOperationException($"profile {profile} sets no C&W budget");
        return ExperimentProfiles.Sized([AttackSpec.Pgd(8.0 / 255)], b.CarliniWagner) with { Minimal = sweep };
    }
}
