using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Learn2Perturb.Experiments;

/// <summary>
/// The one place experiments turn a defence name (docs/method.md §4) into a model and a trainer. Names of defences this build
/// does not have fail with <see cref="NotAvailableException"/>, never fall back to another defence. Table 2's PNI is
/// named <c>pni-w</c> (layer-wise weight noise, PNI's default); Learn2Perturb-R is <c>l2p-r</c>.
/// </summary>
public static class ExperimentDefenses
{
    /// <exception cref="NotAvailableException">The name is not one of <see cref="DefenseSpecs.Names"/>.</exception>
    public static DefenseSpec Resolve(string name)
    {
        try { return DefenseSpecs.Parse(name); }
        catch (ArgumentException)
        {
            throw new NotAvailableException("defence", name, DefenseSpecs.Names);
        }
    }

    /// <summary>The config's defence with its ablation overrides (<see cref="TrainingConfig.Perturbation"/>) applied.</summary>
    /// <exception cref="NotAvailableException">An unknown defence name.</exception>
    /// <exception cref="ArgumentException">A θ-module override for a defence that has no θ modules.</exception>
    public static DefenseSpec Resolve(TrainingConfig config)
    {
        var spec = Resolve(config.Defense);
        if (config.Perturbation is null) return spec;
        if (spec.Perturbation is null)
            throw new ArgumentException($"defence '{spec.Name}' has no θ modules: a perturbation override (θ0, θmin, sampling) applies to l2p and l2p-r only", "Perturbation");
        config.Perturbation.Validate();
        return spec with { Perturbation = config.Perturbation };
    }

    /// <summary>The config's model with its defence's layers, initial weights from the seeded generator, on <paramref name="device"/>.</summary>
    public static ResNet Build(TrainingConfig config, Device device)
    {
        var spec = Resolve(config);
        Compute.Seed(config.Options.Seed); // a fresh run is reproducible on CPU
        var model = spec.Build(ModelSpec.Parse(config.Model), ExperimentData.Input(config.Dataset));
        model.SetNoiseGenerator(config.NoiseGenerator);
        model.to(device);
        return model;
    }

    public static Trainer CreateTrainer(ResNet model, TrainingConfig config) => Resolve(config).CreateTrainer(model, config.Options);
}
