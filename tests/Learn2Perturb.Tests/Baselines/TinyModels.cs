using Learn2Perturb.Attacks;
using Learn2Perturb.Models;
using Learn2Perturb.Training;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Baselines;

/// <summary>ResNet-V1(8) on 1×8×8 inputs and one-step options: every defence trains a batch in well under a second.</summary>
internal static class TinyModels
{
    public static InputSpec Input { get; } = new(1, 8, 8, 10, [0.5], [0.5]);

    public static ModelSpec Spec { get; } = ModelSpec.Parse("resnet-v1-8");

    public static TrainingOptions OneStep { get; } = new()
    {
        Epochs = 1, BatchSize = 8, NoiseDelay = 0, AdversarialDelay = 0, LrMilestones = [], Augment = false,
        AdversarialPgd = new PgdOptions(Steps: 1, StepSize: 0.02),
    };

    public static (Tensor X, Tensor Y) Batch(int n = 8) => (rand(n, 1, 8, 8), randint(0, 10, n));

    public static Tensor[] Snapshot(IEnumerable<Tensor> ps) => [.. ps.Select(p => p.detach().clone())];

    public static bool Same(IEnumerable<Tensor> ps, Tensor[] before) => ps.Zip(before).All(pair => pair.First.Identical(pair.Second));

    public static bool AllDiffer(IEnumerable<Tensor> ps, Tensor[] before) => ps.Zip(before).All(pair => !pair.First.Identical(pair.Second));
}
