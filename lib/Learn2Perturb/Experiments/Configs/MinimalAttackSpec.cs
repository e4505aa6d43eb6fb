using System.Text.Json.Serialization;
using Learn2Perturb.Attacks;

namespace Learn2Perturb.Experiments;

/// <summary>
/// A minimal-perturbation attack of an experiment's evaluation, as data (docs/method.md §5): <c>cw-l2</c> (Carlini–Wagner L2:
/// <see cref="BinarySearchSteps"/> over c × <see cref="Steps"/> Adam steps, confidence <see cref="Confidence"/>) or
/// <c>few-pixel</c> (differential evolution over <see cref="Pixels"/> pixels, <see cref="Population"/> candidates ×
/// <see cref="Iterations"/> generations), run on the first <see cref="Images"/> test images. These attacks cost
/// hundreds to tens of thousands of forward passes per image, hence their own image count. The few-pixel attack attacks
/// only correctly classified images; C&amp;W attacks every image unless <see cref="CorrectOnly"/>. Both average their
/// objective over <see cref="EotSamples"/> noise draws and decide success by a majority of <see cref="SuccessDraws"/>
/// fresh draws; <see cref="AbortEarly"/> is C&amp;W's early abort (Carlini and Wagner's 10,000-step budget).
/// </summary>
public sealed record MinimalAttackSpec(string Kind, int Images, int Repeats = 1, double Confidence = 0, int BinarySearchSteps = 9,
    int Steps = 100, int Pixels = 1, int Population = 400, int Iterations = 100, int EotSamples = 1, int SuccessDraws = 5,
    bool AbortEarly = false)
{
    public static IReadOnlyList<string> Available { get; } = ["cw-l2", "few-pixel"];

    /// <summary>
    /// C&amp;W only: true attacks only the images the model classifies correctly (<see cref="CarliniWagnerOptions.CorrectOnly"/>),
    /// so that an image the model already gets wrong is not counted as a success at distance ≈ 0. Null attacks every
    /// image and is left out of the JSON (<see cref="Runs.ConfigHash"/>'s stability rule).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? CorrectOnly { get; init; }

    /// <param name="correctOnly">Attack only correctly classified images (<see cref="CorrectOnly"/>); null attacks every image.</param>
    public static MinimalAttackSpec CarliniWagner(int images, int binarySearchSteps = 9, int steps = 100, double confidence = 0,
        bool? correctOnly = null, int eotSamples = 1, bool abortEarly = false) =>
        new("cw-l2", images, Confidence: confidence, BinarySearchSteps: binarySearchSteps, Steps: steps, EotSamples: eotSamples,
            AbortEarly: abortEarly) { CorrectOnly = correctOnly };

    /// <summary>Carlini and Wagner's own budget: 9 binary-search rounds of up to 10,000 Adam steps with early abort.</summary>
    public static MinimalAttackSpec CarliniWagnerPaperBudget(int images, double confidence = 0, int eotSamples = 1) =>
        CarliniWagner(images, 9, 10_000, confidence, correctOnly: true, eotSamples, abortEarly: true);

    public static MinimalAttackSpec FewPixel(int images, int pixels = 1, int population = 400, int iterations = 100, int eotSamples = 1) =>
        new("few-pixel", images, Pixels: pixels, Population: population, Iterations: iterations, EotSamples: eotSamples);

    /// <exception cref="ArgumentException">An unknown kind (the message lists the known ones) or an invalid option.</exception>
    public IMinimalAttack Create()
    {
        if (Images < 1) throw new ArgumentOutOfRangeException(nameof(Images), Images, "a minimal attack needs at least 1 image");
        if (Repeats < 1) throw new ArgumentOutOfRangeException(nameof(Repeats), Repeats, "repeats must be ≥ 1");
        if (AbortEarly && Kind != "cw-l2") throw new ArgumentException($"AbortEarly applies to cw-l2 only, not to '{Kind}'", nameof(AbortEarly));
        if (CorrectOnly is not null && Kind != "cw-l2")
            throw new ArgumentException($"CorrectOnly applies to cw-l2 only, not to '{Kind}' (the few-pixel attack always attacks correctly classified images only)", nameof(CorrectOnly));
        return Kind switch
        {
            "cw-l2" => new CarliniWagnerL2(new CarliniWagnerOptions(Confidence, BinarySearchSteps: BinarySearchSteps, Steps: Steps,
                EotSamples: EotSamples, CorrectOnly: CorrectOnly == true, SuccessDraws: SuccessDraws, AbortEarly: AbortEarly)),
            "few-pixel" => new Attacks.FewPixel(new FewPixelOptions(Pixels, Population, Iterations, EotSamples: EotSamples, SuccessDraws: SuccessDraws)),
            _ => throw new ArgumentException($"unknown minimal attack '{Kind}': expected one of {string.Join(", ", Available)}"),
        };
    }
}
