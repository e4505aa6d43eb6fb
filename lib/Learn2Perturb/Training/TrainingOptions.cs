using Learn2Perturb.Attacks;
using Learn2Perturb.Perturbation;

namespace Learn2Perturb.Training;

/// <summary>
/// Hyperparameters of one training run; defaults are the paper's CIFAR setup (docs/method.md §2). Epochs are counted from 0:
/// noise is on from epoch <see cref="NoiseDelay"/>, adversarial training from epoch <see cref="AdversarialDelay"/>,
/// and the learning rate is multiplied by <see cref="LrDecay"/> at each milestone epoch (both optimisers).
/// </summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 350;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 0.1;
    public IReadOnlyList<int> LrMilestones { get; init; } = [150, 250];
    public double LrDecay { get; init; } = 0.1;
    public double Momentum { get; init; } = 0.9;
    /// <summary>Weight decay on W; θ never has weight decay.</summary>
    public double WeightDecay { get; init; } = 3e-4;
    public int NoiseDelay { get; init; } = 10;
    public int AdversarialDelay { get; init; } = 20;
    public NoiseRegularizer Regularizer { get; init; } = new();
    public UpdateScheme Scheme { get; init; } = UpdateScheme.Algorithm1;
    /// <summary>Random crop (padding 4) and horizontal flip per batch.</summary>
    public bool Augment { get; init; } = true;
    public ThreatModel AdversarialThreat { get; init; } = ThreatModel.Paper;
    public PgdOptions AdversarialPgd { get; init; } = PgdOptions.Paper;
    /// <summary>Weight of the adversarial term: loss = (1−w)·CE(f(x),y) + w·CE(f(x_adv),y); the paper's 0.5.</summary>
    public double AdversarialWeight { get; init; } = 0.5;
    public long Seed { get; init; }

    /// <summary>Throws naming the first invalid field.</summary>
    public void Validate()
    {
        Require(Epochs >= 1, nameof(Epochs), Epochs, "must be ≥ 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "must be ≥ 1");
        Require(LearningRate > 0, nameof(LearningRate), LearningRate, "must be > 0");
        Require(LrDecay > 0, nameof(LrDecay), LrDecay, "must be > 0");
        // Both optimisers are Nesterov SGD (docs/method.md §2), which is undefined without momentum.
        Require(Momentum is > 0 and < 1, nameof(Momentum), Momentum, "must be in (0, 1): both optimisers use Nesterov momentum");
        Require(WeightDecay >= 0, nameof(WeightDecay), WeightDecay, "must be ≥ 0");
        Require(NoiseDelay >= 0, nameof(NoiseDelay), NoiseDelay, "must be ≥ 0");
        Require(AdversarialDelay >= 0, nameof(AdversarialDelay), AdversarialDelay, "must be ≥ 0");
        Require(Regularizer.Gamma >= 0, "Gamma", Regularizer.Gamma, "must be ≥ 0");
        Require(AdversarialWeight is >= 0 and <= 1, nameof(AdversarialWeight), AdversarialWeight, "must be in [0, 1]");
        Require(LrMilestones.All(m => m >= 0), nameof(LrMilestones), string.Join(",", LrMilestones), "must be epochs ≥ 0");
        AdversarialThreat.Validate();
        AdversarialPgd.Validate();
    }

    /// <summary>The learning rate of <paramref name="epoch"/> under the step schedule.</summary>
    public double LearningRateAt(int epoch) => LearningRate * Math.Pow(LrDecay, LrMilestones.Count(m => epoch >= m));

    private static void Require(bool ok, string field, object value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(field, value, $"{field} {rule} (got {value})");
    }
}
