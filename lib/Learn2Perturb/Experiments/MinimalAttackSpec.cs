using Learn2Perturb.Attacks;

namespace Learn2Perturb.Experiments;

/// <summary>
/// A minimal-perturbation attack of an experiment's evaluation, as data (PAPER.md §5): <c>cw-l2</c> (Carlini–Wagner L2:
/// <see cref="BinarySearchSteps"/> over c × <see cref="Steps"/> Adam steps, confidence <see cref="Confidence"/>) or
/// <c>few-pixel</c> (differential evolution over <see cref="Pixels"/> pixels, <see cref="Population"/> candidates ×
/// <see cref="Iterations"/> generations), run on the first <see cref="Images"/> test images. These attacks cost
/// hundreds to tens of thousands of forward passes per image, hence their own image count.
/// </summary>
public sealed record MinimalAttackSpec(string Kind, int Images, int Repeats = 1, double Confidence = 0, int BinarySearchSteps = 9,
    int Steps = 100, int Pixels = 1, int Population = 400, int Iterations = 100)
{
    public static IReadOnlyList<string> Available { get; } = ["cw-l2", "few-pixel"];

    public static MinimalAttackSpec CarliniWagner(int images, int binarySearchSteps = 9, int steps = 100, double confidence = 0) =>
        new("cw-l2", images, Confidence: confidence, BinarySearchSteps: binarySearchSteps, Steps: steps);

    public static MinimalAttackSpec FewPixel(int images, int pixels = 1, int population = 400, int iterations = 100) =>
        new("few-pixel", images, Pixels: pixels, Population: population, Iterations: iterations);

    /// <exception cref="ArgumentException">An unknown kind (the message lists the known ones) or an invalid option.</exception>
    public IMinimalAttack Create()
    {
        if (Images < 1) throw new ArgumentOutOfRangeException(nameof(Images), Images, "a minimal attack needs at least 1 image");
        if (Repeats < 1) throw new ArgumentOutOfRangeException(nameof(Repeats), Repeats, "repeats must be ≥ 1");
        return Kind switch
        {
            "cw-l2" => new CarliniWagnerL2(new CarliniWagnerOptions(Confidence, BinarySearchSteps: BinarySearchSteps, Steps: Steps)),
            "few-pixel" => new Attacks.FewPixel(new FewPixelOptions(Pixels, Population, Iterations)),
            _ => throw new ArgumentException($"unknown minimal attack '{Kind}': expected one of {string.Join(", ", Available)}"),
        };
    }
}
