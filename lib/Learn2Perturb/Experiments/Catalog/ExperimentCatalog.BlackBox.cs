namespace Learn2Perturb.Experiments;

/// <summary>
/// <c>blackbox/resnet-v1-20/&lt;defence&gt;</c> (notebook 05): the black-box attacks of docs/method.md §5 on the defences of
/// Tables 1–2, trained as in the tables (so their models are reused): differential-evolution 1-, 2- and 3-pixel
/// attacks on the correctly classified images, and FGSM and PGD-7 at 8/255 transferred from a separately trained
/// undefended network (<see cref="TransferSourceFor"/>), next to the same attacks white-box. The paper claims
/// black-box tables but their numbers are not available to us (docs/method.md §6): no paper numbers are attached.
/// </summary>
public static partial class ExperimentCatalog
{
    /// <summary>The pixel counts of the few-pixel attacks (Su et al.; docs/method.md §5).</summary>
    public static IReadOnlyList<int> FewPixelCounts { get; } = [1, 2, 3];

    /// <summary>
    /// The transfer attacks' source: the undefended model of the tables (no defence, same architecture, data and
    /// schedule) trained from seed 1 instead of 0, so it shares no weights with the targets, not even the undefended one.
    /// </summary>
    public static TransferSource TransferSourceFor(Profile profile)
    {
        var none = ExperimentProfiles.Training(profile, "cifar10", "resnet-v1-20", "none");
        return new TransferSource("none-seed1", none with { Options = none.Options with { Seed = ExperimentProfiles.TrainingSeed + 1 } });
    }

    private static IEnumerable<Entry> BlackBox()
    {
        foreach (var defense in new[] { "none", "vanilla", "pni", "adv-bnn", "l2p" })
            yield return new Entry($"blackbox/resnet-v1-20/{defense}", "cifar10", "resnet-v1-20", TrainedAs(defense), [], null, BlackBoxEvaluation);
    }

    /// <summary>
    /// FGSM and PGD-7 at 8/255, white-box and transferred from <see cref="TransferSourceFor"/>, then the 1-, 2- and
    /// 3-pixel attacks. Smoke: 32 test images, few-pixel on 8 with a population of 10 for 3 generations; quick: 1,000
    /// test images × 3 repeats, few-pixel on 50 with 50 × 20 (far below Su et al.'s 400 × 100), 2 repeats; paper: the
    /// whole test set × 5, few-pixel on 1,000 images with Su et al.'s 400 × 100, once.
    /// </summary>
    private static EvaluationConfig BlackBoxEvaluation(Profile profile)
    {
        const double eps = 8.0 / 255;
        var source = TransferSourceFor(profile);
        AttackSpec[] attacks =
        [
            AttackSpec.Fgsm(eps), AttackSpec.Pgd(eps),
            AttackSpec.Transfer(AttackSpec.Fgsm(eps), source), AttackSpec.Transfer(AttackSpec.Pgd(eps), source),
        ];
        var b = ProfileBudget.For(profile);
        var (images, population, iterations, repeats) = b.FewPixel;
        MinimalAttackSpec[] fewPixel = [.. FewPixelCounts.Select(k => MinimalAttackSpec.FewPixel(images, k, population, iterations) with { Repeats = repeats })];
        return ExperimentProfiles.Sized(attacks, b.BlackBox) with { Minimal = fewPixel };
    }
}
