using Learn2Perturb.Models;
using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>What quickstart trains and evaluates on the embedded Fashion-MNIST under a profile.</summary>
public sealed record QuickstartSettings(
    ModelSpec Model, int TrainImages, int TestImages, TrainingOptions Training, int Repeats, int EvalBatchSize)
{
    /// <summary>
    /// Smoke: ResNet-V1(8), 512 training images, 3 epochs (noise from epoch 1, PGD training from epoch 2), 256 test
    /// images, 2 repeats. Quick: ResNet-V1(20), 8,000 training images, 10 epochs (noise from epoch 2, PGD training from
    /// epoch 3, lr ×0.1 at epochs 6 and 8), 1,000 test images, 3 repeats. Paper: ResNet-V1(20), the full 60,000/10,000
    /// images and the paper's CIFAR schedule (docs/method.md §2), 5 repeats.
    /// </summary>
    public static QuickstartSettings For(Profile profile) => profile switch
    {
        Profile.Smoke => new(ModelSpec.Parse("resnet-v1-8"), 512, 256,
            new TrainingOptions { Epochs = 3, NoiseDelay = 1, AdversarialDelay = 2, LrMilestones = [] }, 2, 256),
        Profile.Quick => new(ModelSpec.Parse("resnet-v1-20"), 8_000, 1_000,
            new TrainingOptions { Epochs = 10, NoiseDelay = 2, AdversarialDelay = 3, LrMilestones = [6, 8] }, 3, 250),
        Profile.Paper => new(ModelSpec.Parse("resnet-v1-20"), 60_000, 10_000, new TrainingOptions(), 5, 500),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };
}
