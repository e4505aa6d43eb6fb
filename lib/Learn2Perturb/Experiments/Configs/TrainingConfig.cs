using System.Text.Json.Serialization;
using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Learn2Perturb.Experiments;

/// <summary>
/// What a trained model depends on, and nothing else: its hash (<see cref="Runs.ConfigHash"/>) is the run id, so two
/// experiments that train the same model (Table 1 and Table 2's L2P V1(20); a figure's FGSM and PGD sweeps) share one run.
/// </summary>
/// <param name="Dataset"><c>fashion-mnist</c>, <c>cifar10</c> or <c>cifar100</c>.</param>
/// <param name="TrainImages">The first N training images, or null for the whole split.</param>
/// <param name="Model">A <see cref="Models.ModelSpec"/> name, e.g. <c>resnet-v1-20</c>.</param>
/// <param name="Defense">A defence name (<see cref="DefenseSpec.Names"/>, docs/method.md §4), e.g. none, vanilla, l2p, pni-w.</param>
public sealed record TrainingConfig(string Dataset, int? TrainImages, string Model, string Defense, TrainingOptions Options)
{
    /// <summary>
    /// The θ modules of an ablation (θ0, θmin, per-sample or batch-shared noise) in place of the defence's own; null keeps
    /// the defence's and is left out of the JSON (<see cref="Runs.ConfigHash"/>'s stability rule). Only Learn2Perturb(-R)
    /// have θ modules.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PerturbationOptions? Perturbation { get; init; }

    /// <summary>
    /// The generator of the θ modules' noise. Always written to the JSON (<see cref="Runs.ConfigHash"/>'s stability rule),
    /// so a model trained with torch's randn is never reused as one trained with Philox.
    /// </summary>
    public NoiseGenerator NoiseGenerator { get; init; } = NoiseGenerator.Philox;

    /// <summary>
    /// Checks the whole config (data set, model, defence, options, θ override) and returns its defence with the ablation's
    /// θ modules (<see cref="Perturbation"/>) in place of the named defence's: the one validation of a training config.
    /// Callers resolve once and pass the spec on (<see cref="BuildModel"/>, <see cref="DefenseSpec.CreateTrainer"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A missing or unknown field, or a θ override for a defence without θ modules.</exception>
    public DefenseSpec ResolveDefense()
    {
        ExperimentData.Input(Dataset ?? throw new ArgumentException("the training config names no data set", nameof(Dataset)));
        ModelSpec.Parse(Model ?? throw new ArgumentException("the training config names no model", nameof(Model)));
        if (TrainImages is < 1) throw new ArgumentOutOfRangeException(nameof(TrainImages), TrainImages, "train images must be ≥ 1 (or null for all)");
        (Options ?? throw new ArgumentException("the training config has no options", nameof(Options))).Validate();
        var spec = DefenseSpec.Parse(Defense ?? throw new ArgumentException("the training config names no defence", nameof(Defense)));
        if (Perturbation is null) return spec;
        if (spec.Perturbation is null)
            throw new ArgumentException($"defence '{spec.Name}' has no θ modules: a perturbation override (θ0, θmin, sampling) applies to l2p and l2p-r only", nameof(Perturbation));
        Perturbation.Validate();
        return spec with { Perturbation = Perturbation };
    }

    /// <summary>The model of <paramref name="defense"/> (this config's, <see cref="ResolveDefense"/>), initial weights from the seeded generator, on <paramref name="device"/>.</summary>
    public ResNet BuildModel(DefenseSpec defense, Device device)
    {
        Compute.Seed(Options.Seed); // a fresh run is reproducible on CPU
        var model = defense.Build(ModelSpec.Parse(Model), ExperimentData.Input(Dataset));
        model.SetNoiseGenerator(NoiseGenerator);
        model.to(device);
        return model;
    }
}
