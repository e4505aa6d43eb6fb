using Learn2Perturb.Attacks;
using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>
/// What a profile changes in a paper experiment. Paper: the paper's dataset, model and CIFAR schedule (docs/method.md §2),
/// the full test set, 5 repeats. Quick: the same model on 8,000 embedded Fashion-MNIST images for 10 epochs (noise from
/// epoch 2, PGD training from 3, lr ×0.1 at 6 and 8; as quickstart), 1,000 test images, 3 repeats. Smoke: ResNet-V1(8),
/// 256 images, 2 epochs with PGD-2 training, 128 test images, one repeat, ε sweeps cut to 0 and 8/255 — seconds on a
/// CPU, numbers meaningless. Medium: quick at ε = 0.1 (adversarial training, the tables' attacks and the suite), the tables
/// with EOT-PGD-7 added and evaluated on 500 test images × 2 repeats; groups whose attacks name their own ε (sweeps,
/// ablations, adaptive) keep them.
/// </summary>
public static class ExperimentProfiles
{
    public const long TrainingSeed = 0;
    public const long EvaluationSeed = 1000;

    /// <summary>The medium profile's L∞ budget, in training and in its tables' attacks: Fashion-MNIST's customary ε = 0.1.</summary>
    public const double MediumEpsilon = 0.1;

    /// <summary>The ε of the tables' attacks and of adversarial training under <paramref name="profile"/>: 8/255 as the paper, 0.1 on medium.</summary>
    public static double Epsilon(Profile profile) => profile == Profile.Medium ? MediumEpsilon : ThreatModel.Paper.Epsilon;

    public static TrainingConfig Training(Profile profile, string dataset, string model, string defense) => profile switch
    {
        Profile.Smoke => new("fashion-mnist", 256, "resnet-v1-8", defense, new TrainingOptions
        {
            Epochs = 2, BatchSize = 64, NoiseDelay = 1, AdversarialDelay = 1, LrMilestones = [], LearningRate = 0.05,
            AdversarialPgd = new PgdOptions(Steps: 2, StepSize: 0.02), Seed = TrainingSeed,
        }),
        Profile.Quick => new("fashion-mnist", 8_000, model, defense,
            new TrainingOptions { Epochs = 10, NoiseDelay = 2, AdversarialDelay = 3, LrMilestones = [6, 8], Seed = TrainingSeed }),
        Profile.Medium => AtMediumBudget(Training(Profile.Quick, dataset, model, defense)),
        Profile.Paper => new(dataset, null, model, defense, new TrainingOptions { Seed = TrainingSeed }),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    /// <summary>Quick's training with PGD-7 adversarial training at ε = 0.1, its step 2.5ε/7 (<see cref="PgdOptions.StepFor"/>).</summary>
    private static TrainingConfig AtMediumBudget(TrainingConfig quick) => quick with
    {
        Options = quick.Options with
        {
            AdversarialThreat = new ThreatModel(MediumEpsilon),
            AdversarialPgd = PgdOptions.Paper with { StepSize = PgdOptions.StepFor(MediumEpsilon, PgdOptions.Paper.Steps) },
        },
    };

    /// <summary>
    /// The schedule of the ablations, which compare many Learn2Perturb variants: on quick each trains on 4,000 images
    /// for 6 epochs (noise from epoch 1, PGD training from 2, lr ×0.1 at 4), a few minutes per variant on 2 cores instead
    /// of the tables' 12; on smoke on 64 images for 3 epochs of 2 batches (noise from epoch 1, PGD-2 training from 2),
    /// so that a notebook of eight variants runs in well under a minute; paper keeps <see cref="Training"/>'s schedule.
    /// </summary>
    public static TrainingConfig Ablation(Profile profile, TrainingConfig training) => profile switch
    {
        Profile.Quick or Profile.Medium => training with
        {
            TrainImages = 4_000,
            Options = training.Options with { Epochs = 6, NoiseDelay = 1, AdversarialDelay = 2, LrMilestones = [4] },
        },
        Profile.Smoke => training with
        {
            TrainImages = 64,
            Options = training.Options with { Epochs = 3, BatchSize = 32, NoiseDelay = 1, AdversarialDelay = 2 },
        },
        _ => training,
    };

    /// <summary>
    /// The ablations' evaluation: the tables' FGSM and PGD-7 as <see cref="Evaluation"/> gives them, except on smoke,
    /// where 32 test images and 2 repeats keep eight variants fast and still show a repeat-to-repeat std.
    /// </summary>
    public static EvaluationConfig AblationEvaluation(Profile profile) => profile == Profile.Smoke
        ? new(TableAttacks, 32, 2, 32, EvaluationSeed)
        : Evaluation(profile, TableAttacks);

    public static EvaluationConfig Evaluation(Profile profile, IReadOnlyList<AttackSpec> attacks) => profile switch
    {
        Profile.Smoke => new(Thin(attacks), 128, 1, 128, EvaluationSeed),
        Profile.Quick => new(attacks, 1_000, 3, 250, EvaluationSeed),
        // Medium's replicate is the seed, not the repeat, and its tables add EOT-PGD (5 draws per gradient): 500 test
        // images × 2 repeats keep one seed's evaluation at a third of quick's 1,000 × 3 with EOT. The test images are the
        // same for every seed and defence, so their sampling error cancels in the paired differences.
        Profile.Medium => new(attacks, 500, 2, 250, EvaluationSeed),
        Profile.Paper => new(attacks, null, 5, 500, EvaluationSeed),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    /// <summary>
    /// The whole suite at ε = 8/255 (docs/method.md §5, §7): FGSM, PGD-7, EOT-PGD-7, APGD-CE with EOT (AutoAttack's "rand"
    /// protocol on the paper profile), C&amp;W L2 on the correctly classified images and the one-pixel attack, both with
    /// EOT and with success decided by a majority of 5 fresh draws. Paper: C&amp;W with Carlini and Wagner's budget
    /// (9 rounds of up to 10,000 Adam steps, early abort), 10 EOT draws, 3 repeats. Quick and smoke shrink the EOT
    /// draws, APGD steps, C&amp;W search (quick: 5 rounds × 50 steps, 3 draws, 2 repeats) and the evolution's population
    /// and generations, and the images the costly attacks see, so that one defence takes minutes (quick) or seconds
    /// (smoke) on a CPU.
    /// </summary>
    public static EvaluationConfig SuiteEvaluation(Profile profile)
    {
        var eps = Epsilon(profile);
        AttackSpec[] Budget(int eot, int apgdSteps, int apgdEot) =>
            [AttackSpec.Fgsm(eps), AttackSpec.Pgd(eps), AttackSpec.Pgd(eps) with { EotSamples = eot }, AttackSpec.Apgd("apgd-ce", eps, apgdSteps, apgdEot)];
        return profile switch
        {
            Profile.Smoke => new(Budget(2, 3, 2), 64, 1, 64, EvaluationSeed,
                [MinimalAttackSpec.CarliniWagner(16, binarySearchSteps: 2, steps: 5, correctOnly: true, eotSamples: 2),
                    MinimalAttackSpec.FewPixel(16, population: 10, iterations: 3)]),
            Profile.Quick or Profile.Medium => new(Budget(10, 20, 5), 300, 2, 150, EvaluationSeed,
                [MinimalAttackSpec.CarliniWagner(100, binarySearchSteps: 5, steps: 50, correctOnly: true, eotSamples: 3) with { Repeats = 2 },
                    MinimalAttackSpec.FewPixel(100, population: 100, iterations: 20, eotSamples: 3) with { Repeats = 2 }]),
            Profile.Paper => new(Budget(30, 100, 20), null, 5, 500, EvaluationSeed,
                [MinimalAttackSpec.CarliniWagnerPaperBudget(1_000, eotSamples: 10) with { Repeats = 3 },
                    MinimalAttackSpec.FewPixel(1_000, eotSamples: 10) with { Repeats = 3 }]),
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
        };
    }

    /// <summary>The paper's FGSM and PGD-7 at ε = 8/255 (docs/method.md §5).</summary>
    public static IReadOnlyList<AttackSpec> TableAttacks { get; } = [AttackSpec.Fgsm(8.0 / 255), AttackSpec.Pgd(8.0 / 255)];

    /// <summary>
    /// The tables' attacks under <paramref name="profile"/>: <see cref="TableAttacks"/>, except on medium, FGSM and PGD-7 at
    /// ε = 0.1 and EOT-PGD-7 with 5 noise draws per gradient, so that the per-image worst case a table reports includes
    /// an attack that averages the noise out (docs/method.md §5).
    /// </summary>
    public static IReadOnlyList<AttackSpec> TableAttacksFor(Profile profile) => profile == Profile.Medium
        ? [AttackSpec.Fgsm(MediumEpsilon), AttackSpec.Pgd(MediumEpsilon), AttackSpec.Pgd(MediumEpsilon) with { EotSamples = 5 }]
        : TableAttacks;

    /// <summary>
    /// Figures 5–6's ε sweep of one attack. Paper: ε = 0, 1, …, 15/255 as the figures. Quick: eight of those budgets
    /// (0, 2, 4, 6, 8, 10, 12, 15) on 500 test images × 2 repeats, so that a defence's two sweeps take minutes on a CPU
    /// rather than the 40 of the full grid. Smoke: 0 and 8/255.
    /// </summary>
    public static EvaluationConfig SweepEvaluation(Profile profile, Func<double, AttackSpec> attack) => profile is Profile.Quick or Profile.Medium
        ? new([.. QuickSweepBudgets.Select(e => attack(e / 255.0))], 500, 2, 250, EvaluationSeed)
        : Evaluation(profile, Sweep(attack));

    private static readonly int[] QuickSweepBudgets = [0, 2, 4, 6, 8, 10, 12, 15];

    /// <summary>One attack at ε = 0, 1, …, 15/255 (Figures 5–6).</summary>
    public static IReadOnlyList<AttackSpec> Sweep(Func<double, AttackSpec> attack) => [.. Enumerable.Range(0, 16).Select(e => attack(e / 255.0))];

    private static IReadOnlyList<AttackSpec> Thin(IReadOnlyList<AttackSpec> attacks) =>
        attacks.Count <= 2 ? attacks : [.. attacks.Where(a => a.Epsilon == 0 || Math.Abs(a.Epsilon * 255 - 8) < 1e-9)];
}
