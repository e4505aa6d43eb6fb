using System.Text.Json.Serialization;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>
/// What a trained model depends on, and nothing else: its hash (<see cref="Runs.ConfigHash"/>) is the run id, so two
/// experiments that train the same model (Table 1 and Table 2's L2P V1(20); a figure's FGSM and PGD sweeps) share one run.
/// </summary>
/// <param name="Dataset"><c>fashion-mnist</c>, <c>cifar10</c> or <c>cifar100</c>.</param>
/// <param name="TrainImages">The first N training images, or null for the whole split.</param>
/// <param name="Model">A <see cref="Models.ModelSpec"/> name, e.g. <c>resnet-v1-20</c>.</param>
/// <param name="Defense">A defence name (docs/method.md §4): none, vanilla, l2p, l2p-r, pni, adv-bnn.</param>
public sealed record TrainingConfig(string Dataset, int? TrainImages, string Model, string Defense, TrainingOptions Options)
{
    /// <summary>
    /// The θ modules of an ablation (θ0, θmin, per-sample or batch-shared noise) in place of the defence's own; null keeps
    /// the defence's. Only Learn2Perturb(-R) have θ modules. Left out of the JSON when null, so the run ids of configs
    /// without it did not change when it was added.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PerturbationOptions? Perturbation { get; init; }

    /// <summary>
    /// The generator of the θ modules' noise. Always written to the JSON, so it enters every run id: a model trained
    /// with torch's randn (every run stored before this field existed) is never reused as one trained with Philox.
    /// </summary>
    public NoiseGenerator NoiseGenerator { get; init; } = NoiseGenerator.Philox;
}
