using System.Text.Json.Serialization;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Models;

/// <summary>Settings of the perturbation-injection modules a model is built with (docs/method.md §1, §2).</summary>
public sealed record PerturbationOptions(
    double Theta0 = PerturbationInjection.DefaultTheta0,
    double ThetaMin = PerturbationInjection.DefaultThetaMin,
    NoiseSampling Sampling = NoiseSampling.PerSample)
{
    /// <summary>
    /// Where the modules sit; null is the paper's placement (<see cref="NoisePlacement.StemAndBlocks"/>) and is left out
    /// of the JSON (Runs.ConfigHash's stability rule).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NoisePlacement? Placement { get; init; }

    public void Validate()
    {
        if (!(Theta0 >= 0)) throw new ArgumentOutOfRangeException(nameof(Theta0), Theta0, "θ0 must be ≥ 0");
        if (!(ThetaMin >= 0)) throw new ArgumentOutOfRangeException(nameof(ThetaMin), ThetaMin, "θmin must be ≥ 0");
        if (Placement is { } p && !Enum.IsDefined(p))
            throw new ArgumentOutOfRangeException(nameof(Placement), p, "placement must be stem-and-blocks, blocks-only or stem-only");
    }
}

internal static class PerturbationOptionsExtensions
{
    /// <summary>The options for the stem's module, or null when the placement leaves the stem noise-free.</summary>
    public static PerturbationOptions? ForStem(this PerturbationOptions? options) =>
        options is not null && (options.Placement ?? NoisePlacement.StemAndBlocks).HasStem() ? options : null;

    /// <summary>The options for the residual blocks' modules, or null when the placement leaves the blocks noise-free.</summary>
    public static PerturbationOptions? ForBlocks(this PerturbationOptions? options) =>
        options is not null && (options.Placement ?? NoisePlacement.StemAndBlocks).HasBlocks() ? options : null;

    /// <summary>A perturbation-injection module for a feature map of this shape, or the identity for models without noise.</summary>
    public static nn.Module<Tensor, Tensor> CreateModule(this PerturbationOptions? options, string name, FeatureShape shape) =>
        options is null
            ? nn.Identity()
            : new PerturbationInjection(name, shape.Channels, shape.Height, shape.Width, options.Theta0, options.ThetaMin)
            { Sampling = options.Sampling };
}
