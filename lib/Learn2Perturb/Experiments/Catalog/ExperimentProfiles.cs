using Learn2Perturb.Attacks;
using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>
/// What a profile changes in a paper experiment, built from the profile's numbers in <see cref="ProfileBudget"/> (where
/// each profile is written out top to bottom): the training config of a table cell, the ablations' schedule, and the
/// evaluations of the tables, the ablations, the ε sweeps and the attack suite.
/// </summary>
public static class ExperimentProfiles
{
    public const long TrainingSeed = 0;
    public const long EvaluationSeed = 1000;

    /// <summary>The medium profile's L∞ budget, in training and in its tables' attacks: Fashion-MNIST's customary ε = 0.1.</summary>
    public const double MediumEpsilon = 0.1;

    /// <summary>The ε of the tables' attacks and of adversarial training under <paramref name="profile"/>: 8/255 as the paper, 0.1 on medium.</summary>
    public static double Epsilon(Profile profile) => ProfileBudget.For(profile).Epsilon;

    /// <summary>The training config of a cell that names <paramref name="dataset"/>, <paramref name="model"/> and <paramref name="defense"/>.</summary>
    public static TrainingConfig Training(Profile profile, string dataset, string model, string defense)
    {
        var b = ProfileBudget.For(profile);
        return new(b.Dataset ?? dataset, b.TrainImages, b.Model ?? model, defense, Fresh(b.Training));
    }

    /// <summary>The ablations' training (notebooks 06–08): <paramref name="training"/> on the profile's ablation images and schedule.</summary>
    public static TrainingConfig Ablation(Profile profile, TrainingConfig training)
    {
        var b = ProfileBudget.For(profile);
        return training with { TrainImages = b.AblationTrainImages ?? training.TrainImages, Options = b.AblationTraining is { } o ? Fresh(o) : training.Options };
    }

    /// <summary>A copy whose list is its own, so that no two configs share a mutable array through the profile's budget.</summary>
    private static TrainingOptions Fresh(TrainingOptions options) => options with { LrMilestones = [.. options.LrMilestones] };

    /// <summary>The ablations' evaluation: the tables' FGSM and PGD-7 at 8/255 on the profile's ablation size.</summary>
    public static EvaluationConfig AblationEvaluation(Profile profile) => Sized(TableAttacks, ProfileBudget.For(profile).Ablations);

    /// <summary><paramref name="attacks"/> on the tables' evaluation size.</summary>
    public static EvaluationConfig Evaluation(Profile profile, IReadOnlyList<AttackSpec> attacks) => Sized(attacks, ProfileBudget.For(profile).Tables);

    /// <summary>
    /// The whole suite at the tables' ε (docs/method.md §5, §7): FGSM, PGD-7, EOT-PGD-7, APGD-CE with EOT (AutoAttack's
    /// "rand" protocol on the paper profile), C&amp;W L2 on the correctly classified images and the one-pixel attack, both
    /// with EOT and with success decided by a majority of 5 fresh draws.
    /// </summary>
    public static EvaluationConfig SuiteEvaluation(Profile profile)
    {
        var b = ProfileBudget.For(profile);
        var (eot, apgdSteps, apgdEot) = b.SuiteBudget;
        AttackSpec[] attacks = [AttackSpec.Fgsm(b.Epsilon), AttackSpec.Pgd(b.Epsilon), AttackSpec.Pgd(b.Epsilon) with { EotSamples = eot },
            AttackSpec.Apgd("apgd-ce", b.Epsilon, apgdSteps, apgdEot)];
        return Sized(attacks, b.Suite) with { Minimal = b.SuiteMinimal };
    }

    /// <summary>The paper's FGSM and PGD-7 at ε = 8/255 (docs/method.md §5).</summary>
    public static IReadOnlyList<AttackSpec> TableAttacks { get; } = [AttackSpec.Fgsm(8.0 / 255), AttackSpec.Pgd(8.0 / 255)];

    /// <summary>
    /// The tables' attacks under <paramref name="profile"/>: FGSM and PGD-7 at the profile's ε, and on medium EOT-PGD-7 with
    /// 5 noise draws per gradient, so that the per-image worst case a table reports includes an attack that averages the
    /// noise out (docs/method.md §5).
    /// </summary>
    public static IReadOnlyList<AttackSpec> TableAttacksFor(Profile profile)
    {
        var b = ProfileBudget.For(profile);
        if (b.Epsilon == TableAttacks[0].Epsilon && b.TableEotSamples == 0) return TableAttacks;
        AttackSpec[] plain = [AttackSpec.Fgsm(b.Epsilon), AttackSpec.Pgd(b.Epsilon)];
        return b.TableEotSamples > 0 ? [.. plain, AttackSpec.Pgd(b.Epsilon) with { EotSamples = b.TableEotSamples }] : plain;
    }

    /// <summary>Figures 5–6's ε sweep of one attack over the profile's budgets (the paper: ε = 0, 1, …, 15/255 as the figures).</summary>
    public static EvaluationConfig SweepEvaluation(Profile profile, Func<double, AttackSpec> attack)
    {
        var b = ProfileBudget.For(profile);
        return Sized([.. b.SweepBudgets255.Select(e => attack(e / 255.0))], b.Sweeps);
    }

    /// <summary>One attack at ε = 0, 1, …, 15/255 (Figures 5–6).</summary>
    public static IReadOnlyList<AttackSpec> Sweep(Func<double, AttackSpec> attack) => [.. Enumerable.Range(0, 16).Select(e => attack(e / 255.0))];

    /// <summary><paramref name="attacks"/> on <paramref name="size"/>'s images, repeats and batches, seeded by <see cref="EvaluationSeed"/>.</summary>
    public static EvaluationConfig Sized(IReadOnlyList<AttackSpec> attacks, EvaluationSize size) =>
        new(attacks, size.TestImages, size.Repeats, size.BatchSize, EvaluationSeed);
}
