using Learn2Perturb.Perturbation;

namespace Learn2Perturb.Models;

/// <summary>Builds models from a spec; the one entry point notebooks, the CLI and the trainer use.</summary>
public static class ModelFactory
{
    /// <summary>Builds the model on the CPU; move it with <c>.to(device)</c>.</summary>
    /// <param name="perturbation">Perturbation-injection settings, or null for a model without noise modules (baselines).</param>
    public static ResNet Create(ModelSpec spec, InputSpec input, PerturbationOptions? perturbation) =>
        Create(spec, input, perturbation, StandardLayers.Instance);

    /// <summary>Builds the model with its convolutions and linear head made by <paramref name="layers"/> (the baselines' hook).</summary>
    public static ResNet Create(ModelSpec spec, InputSpec input, PerturbationOptions? perturbation, ILayerFactory layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        spec.Validate();
        input.Validate();
        return new ResNet(spec, input, perturbation, layers);
    }

    /// <summary>Parameter counts: network weights W (BatchNorm affine included, buffers excluded) and θ.</summary>
    public static (long Weights, long Theta) CountParameters(ResNet model)
    {
        long theta = model.ThetaParameters().Sum(t => t.numel());
        long all = model.parameters().Sum(p => p.numel());
        return (all - theta, theta);
    }
}
