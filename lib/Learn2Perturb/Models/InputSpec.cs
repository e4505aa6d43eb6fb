namespace Learn2Perturb.Models;

/// <summary>What a model is built for: input shape C×H×W, class count, and the normalisation it carries inside.</summary>
public sealed record InputSpec(int Channels, int Height, int Width, int NumClasses, IReadOnlyList<double> Mean, IReadOnlyList<double> Std)
{
    /// <summary>CIFAR-10: 3×32×32, 10 classes, the paper's mean/std (docs/method.md §1).</summary>
    public static InputSpec Cifar10 { get; } = new(3, 32, 32, 10, [0.4914, 0.4822, 0.4465], [0.2023, 0.1994, 0.2010]);

    /// <summary>CIFAR-100: as CIFAR-10 with 100 classes (the paper's normalisation).</summary>
    public static InputSpec Cifar100 { get; } = Cifar10 with { NumClasses = 100 };

    /// <summary>Fashion-MNIST: 1×28×28 grey, 10 classes; mean/std of its training set.</summary>
    public static InputSpec FashionMnist { get; } = new(1, 28, 28, 10, [0.2860], [0.3530]);

    public void Validate()
    {
        if (Channels < 1 || Height < 1 || Width < 1) throw new ArgumentOutOfRangeException(nameof(Channels), $"input shape must be positive, got {Channels}×{Height}×{Width}");
        if (NumClasses < 2) throw new ArgumentOutOfRangeException(nameof(NumClasses), NumClasses, "need at least 2 classes");
        if (Mean.Count != Channels || Std.Count != Channels)
            throw new ArgumentException($"mean/std need one value per channel ({Channels}), got {Mean.Count}/{Std.Count}");
    }
}
