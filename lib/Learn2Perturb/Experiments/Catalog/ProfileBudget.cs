using Learn2Perturb.Attacks;
using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>How many test images, repeats per measurement and images per batch an evaluation uses.</summary>
/// <param name="TestImages">The first N test images, or null for the whole split.</param>
public sealed record EvaluationSize(int? TestImages, int Repeats, int BatchSize);

/// <summary>
/// Every number a profile sets, one record per profile written out top to bottom below (<see cref="Smoke"/>,
/// <see cref="Quick"/>, <see cref="Medium"/>, <see cref="Paper"/>). <see cref="ExperimentProfiles"/>,
/// <see cref="AdaptiveProfiles"/> and the catalog build every experiment from these and hold no numbers of their own.
/// A number changed here changes the run ids or result keys of the experiments that use it (Runs.ConfigHash).
/// </summary>
public sealed record ProfileBudget
{
    /// <summary>The data set trained and evaluated on in place of the experiment's; null keeps the experiment's.</summary>
    public required string? Dataset { get; init; }

    /// <summary>The model trained in place of the experiment's; null keeps the experiment's.</summary>
    public required string? Model { get; init; }

    /// <summary>The first N training images, or null for the whole split.</summary>
    public required int? TrainImages { get; init; }

    /// <summary>The training schedule of the tables, sweeps and the suite (docs/method.md §2 on the paper profile).</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>The ablations' training images (notebooks 06–08); null keeps <see cref="TrainImages"/>.</summary>
    public required int? AblationTrainImages { get; init; }

    /// <summary>The ablations' schedule, in place of <see cref="Training"/>'s; null keeps it.</summary>
    public required TrainingOptions? AblationTraining { get; init; }

    /// <summary>The ε of the tables' attacks and of adversarial training.</summary>
    public required double Epsilon { get; init; }

    /// <summary>EOT-PGD-7 draws added to the tables' FGSM and PGD-7 (0: none).</summary>
    public required int TableEotSamples { get; init; }

    /// <summary>Tables 1–2, and the ablations unless <see cref="Ablations"/> says otherwise.</summary>
    public required EvaluationSize Tables { get; init; }

    public required EvaluationSize Ablations { get; init; }

    /// <summary>Figures 5–6's ε sweeps: the budgets (in 1/255) and the evaluation size.</summary>
    public required int[] SweepBudgets255 { get; init; }

    public required EvaluationSize Sweeps { get; init; }

    /// <summary>
    /// The attack suite: EOT-PGD-7 draws, APGD-CE steps and draws, and the minimal attacks on their own images
    /// (C&amp;W rounds × Adam steps, or Carlini and Wagner's own budget; the few-pixel attack's population × generations).
    /// </summary>
    public required EvaluationSize Suite { get; init; }

    public required (int EotSamples, int ApgdSteps, int ApgdEotSamples) SuiteBudget { get; init; }

    public required IReadOnlyList<MinimalAttackSpec> SuiteMinimal { get; init; }

    /// <summary>Notebook 04's C&amp;W sweep over κ: the PGD beside it, then per κ the C&amp;W attack (its images, rounds, steps, repeats).</summary>
    public required EvaluationSize CarliniWagner { get; init; }

    /// <summary>C&amp;W per κ; null: Carlini and Wagner's own budget (<see cref="CarliniWagnerPaper"/>).</summary>
    public required (int Images, int BinarySearchSteps, int Steps, int Repeats)? CarliniWagnerBudget { get; init; }

    /// <summary>Carlini and Wagner's budget on the paper profile: images, EOT draws, repeats.</summary>
    public required (int Images, int EotSamples, int Repeats)? CarliniWagnerPaper { get; init; }

    /// <summary>Notebook 05's black-box table: the evaluation size and, per pixel count, the few-pixel attack's budget.</summary>
    public required EvaluationSize BlackBox { get; init; }

    public required (int Images, int Population, int Iterations, int Repeats) FewPixel { get; init; }

    /// <summary>Notebook 09's adaptive attacker and notebook 06's EOT sweep (<see cref="AdaptiveProfiles"/>).</summary>
    public required AdaptiveBudget Adaptive { get; init; }

    /// <summary>The budget of <paramref name="profile"/>.</summary>
    public static ProfileBudget For(Profile profile) => profile switch
    {
        Profile.Smoke => Smoke,
        Profile.Quick => Quick,
        Profile.Medium => Medium,
        Profile.Paper => Paper,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    /// <summary>The paper's setting (docs/method.md §2, §5): its data sets and models, the full test set, 5 repeats.</summary>
    public static ProfileBudget Paper { get; } = new()
    {
        Dataset = null, Model = null, TrainImages = null,
        Training = new TrainingOptions { Seed = ExperimentProfiles.TrainingSeed }, // 350 epochs, the paper's schedule
        AblationTrainImages = null, AblationTraining = null,
        Epsilon = ThreatModel.Paper.Epsilon, TableEotSamples = 0,
        Tables = new(TestImages: null, Repeats: 5, BatchSize: 500),
        Ablations = new(TestImages: null, Repeats: 5, BatchSize: 500),
        SweepBudgets255 = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        Sweeps = new(TestImages: null, Repeats: 5, BatchSize: 500),
        Suite = new(TestImages: null, Repeats: 5, BatchSize: 500),
        SuiteBudget = (EotSamples: 30, ApgdSteps: 100, ApgdEotSamples: 20),
        SuiteMinimal =
        [
            MinimalAttackSpec.CarliniWagnerPaperBudget(1_000, eotSamples: 10) with { Repeats = 3 },
            MinimalAttackSpec.FewPixel(1_000, eotSamples: 10) with { Repeats = 3 },
        ],
        CarliniWagner = new(TestImages: null, Repeats: 5, BatchSize: 500),
        CarliniWagnerBudget = null, CarliniWagnerPaper = (Images: 1_000, EotSamples: 10, Repeats: 3),
        BlackBox = new(TestImages: null, Repeats: 5, BatchSize: 500),
        FewPixel = (Images: 1_000, Population: 400, Iterations: 100, Repeats: 1),
        Adaptive = new(Images: 1_000, Repeats: 3, Batch: 100, BaseSteps: 7, Eot: 20, ApgdSteps: 100,
            Steps: [1, 3, 7, 20, 50, 100], Restarts: [1, 5, 10], EotSamples: [1, 2, 5, 10, 20, 50], Epsilons255: [1, 2, 4, 8, 16, 32, 64],
            EotSweep: [1, 2, 5, 10, 30]),
    };

    /// <summary>
    /// Minutes per model on 2 cores: the paper's model on 8,000 embedded Fashion-MNIST images for 10 epochs (noise from
    /// epoch 2, PGD training from 3, lr ×0.1 at 6 and 8), 1,000 test images, 3 repeats; the ablations on 4,000 images for
    /// 6 epochs (noise from 1, PGD training from 2, lr ×0.1 at 4).
    /// </summary>
    public static ProfileBudget Quick { get; } = new()
    {
        Dataset = "fashion-mnist", Model = null, TrainImages = 8_000,
        Training = new TrainingOptions { Epochs = 10, NoiseDelay = 2, AdversarialDelay = 3, LrMilestones = [6, 8], Seed = ExperimentProfiles.TrainingSeed },
        AblationTrainImages = 4_000,
        AblationTraining = new TrainingOptions { Epochs = 6, NoiseDelay = 1, AdversarialDelay = 2, LrMilestones = [4], Seed = ExperimentProfiles.TrainingSeed },
        Epsilon = ThreatModel.Paper.Epsilon, TableEotSamples = 0,
        Tables = new(TestImages: 1_000, Repeats: 3, BatchSize: 250),
        Ablations = new(TestImages: 1_000, Repeats: 3, BatchSize: 250),
        SweepBudgets255 = [0, 2, 4, 6, 8, 10, 12, 15],
        Sweeps = new(TestImages: 500, Repeats: 2, BatchSize: 250),
        Suite = new(TestImages: 300, Repeats: 2, BatchSize: 150),
        SuiteBudget = (EotSamples: 10, ApgdSteps: 20, ApgdEotSamples: 5),
        SuiteMinimal =
        [
            MinimalAttackSpec.CarliniWagner(100, binarySearchSteps: 5, steps: 50, correctOnly: true, eotSamples: 3) with { Repeats = 2 },
            MinimalAttackSpec.FewPixel(100, population: 100, iterations: 20, eotSamples: 3) with { Repeats = 2 },
        ],
        CarliniWagner = new(TestImages: 1_000, Repeats: 3, BatchSize: 250),
        CarliniWagnerBudget = (Images: 100, BinarySearchSteps: 5, Steps: 50, Repeats: 2), CarliniWagnerPaper = null,
        BlackBox = new(TestImages: 1_000, Repeats: 3, BatchSize: 250),
        FewPixel = (Images: 50, Population: 50, Iterations: 20, Repeats: 2),
        Adaptive = new(Images: 200, Repeats: 2, Batch: 50, BaseSteps: 7, Eot: 4, ApgdSteps: 20,
            Steps: [1, 3, 7, 20], Restarts: [1, 2, 4], EotSamples: [1, 2, 4, 8, 16], Epsilons255: [2, 4, 8, 16, 32, 64], EotSweep: [1, 2, 5, 10, 20]),
    };

    /// <summary>
    /// Quick at Fashion-MNIST's customary ε = 0.1: PGD-7 adversarial training with step 2.5ε/7 (<see cref="PgdOptions.StepFor"/>),
    /// the tables at ε = 0.1 with EOT-PGD-7 (5 draws) added, on 500 test images × 2 repeats (the replicate is the seed, run
    /// 3 of them; the test images are shared, so their sampling error cancels in paired differences). Groups whose attacks
    /// name their own ε (sweeps, ablations, adaptive) keep quick's.
    /// </summary>
    public static ProfileBudget Medium { get; } = Quick with
    {
        Training = AtMediumEpsilon(Quick.Training),
        AblationTraining = AtMediumEpsilon(Quick.AblationTraining!),
        Epsilon = ExperimentProfiles.MediumEpsilon, TableEotSamples = 5,
        Tables = new(TestImages: 500, Repeats: 2, BatchSize: 250),
        Ablations = new(TestImages: 500, Repeats: 2, BatchSize: 250),
    };

    private static TrainingOptions AtMediumEpsilon(TrainingOptions quick) => quick with
    {
        AdversarialThreat = new ThreatModel(ExperimentProfiles.MediumEpsilon),
        AdversarialPgd = PgdOptions.Paper with { StepSize = PgdOptions.StepFor(ExperimentProfiles.MediumEpsilon, PgdOptions.Paper.Steps) },
    };

    /// <summary>Seconds on a CPU, numbers meaningless: ResNet-V1(8) on 256 images for 2 epochs with PGD-2 training; ε sweeps cut to 0 and 8/255.</summary>
    public static ProfileBudget Smoke { get; } = new()
    {
        Dataset = "fashion-mnist", Model = "resnet-v1-8", TrainImages = 256,
        Training = new TrainingOptions
        {
            Epochs = 2, BatchSize = 64, NoiseDelay = 1, AdversarialDelay = 1, LrMilestones = [], LearningRate = 0.05,
            AdversarialPgd = new PgdOptions(Steps: 2, StepSize: 0.02), Seed = ExperimentProfiles.TrainingSeed,
        },
        AblationTrainImages = 64,
        AblationTraining = new TrainingOptions
        {
            Epochs = 3, BatchSize = 32, NoiseDelay = 1, AdversarialDelay = 2, LrMilestones = [], LearningRate = 0.05,
            AdversarialPgd = new PgdOptions(Steps: 2, StepSize: 0.02), Seed = ExperimentProfiles.TrainingSeed,
        },
        Epsilon = ThreatModel.Paper.Epsilon, TableEotSamples = 0,
        Tables = new(TestImages: 128, Repeats: 1, BatchSize: 128),
        Ablations = new(TestImages: 32, Repeats: 2, BatchSize: 32),
        SweepBudgets255 = [0, 8],
        Sweeps = new(TestImages: 128, Repeats: 1, BatchSize: 128),
        Suite = new(TestImages: 64, Repeats: 1, BatchSize: 64),
        SuiteBudget = (EotSamples: 2, ApgdSteps: 3, ApgdEotSamples: 2),
        SuiteMinimal =
        [
            MinimalAttackSpec.CarliniWagner(16, binarySearchSteps: 2, steps: 5, correctOnly: true, eotSamples: 2),
            MinimalAttackSpec.FewPixel(16, population: 10, iterations: 3),
        ],
        CarliniWagner = new(TestImages: 32, Repeats: 1, BatchSize: 32),
        CarliniWagnerBudget = (Images: 8, BinarySearchSteps: 3, Steps: 5, Repeats: 1), CarliniWagnerPaper = null,
        BlackBox = new(TestImages: 32, Repeats: 1, BatchSize: 32),
        FewPixel = (Images: 8, Population: 10, Iterations: 3, Repeats: 1),
        Adaptive = new(Images: 16, Repeats: 1, Batch: 16, BaseSteps: 2, Eot: 2, ApgdSteps: 2,
            Steps: [1, 2], Restarts: [1, 2], EotSamples: [1, 4], Epsilons255: [2, 8, 64], EotSweep: [1, 4]),
    };
}

/// <summary>
/// Notebook 09's adaptive attacker and notebook 06's EOT sweep (<see cref="AdaptiveProfiles"/>): test images, repeats,
/// batch, the base PGD's steps and EOT draws, APGD's steps, and the values each sweep takes.
/// </summary>
public sealed record AdaptiveBudget(int Images, int Repeats, int Batch, int BaseSteps, int Eot, int ApgdSteps, int[] Steps, int[] Restarts,
    int[] EotSamples, int[] Epsilons255, int[] EotSweep);
