using Learn2Perturb.Baselines;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Training;

/// <summary>What each <see cref="DefenseSpec"/> needs from a model's layers, checked before training starts.</summary>
internal static class DefenseModelCheck
{
    /// <summary>
    /// Throws when the model lacks the layers the defence trains (θ modules, PNI layers, Bayesian layers) or has
    /// stochastic layers of another defence, which the trainer would otherwise train with the wrong rules.
    /// </summary>
    public static void Validate(nn.Module model, DefenseSpec defense)
    {
        bool theta = model.PerturbationModules().Count > 0;
        bool pni = model.PniLayers().Count > 0;
        bool bayesian = model.BayesianLayers().Count > 0;
        string? missing = defense.Kind switch
        {
            _ when defense.LearnsTheta && !theta => "perturbation-injection modules (build it with PerturbationOptions)",
            DefenseKind.Pni when !pni => "PNI layers (build it with new PniLayers(options))",
            DefenseKind.AdvBnn when !bayesian => "Bayesian layers (build it with new BayesianLayers(options))",
            _ => null,
        };
        if (missing is not null)
            throw new ArgumentException($"the '{defense.Name}' defence needs a model with {missing}; DefenseSpec.Build makes the right one", "model");
        var foreign = new List<string>();
        if (theta && !defense.LearnsTheta) foreign.Add("perturbation-injection modules");
        if (pni && defense.Kind != DefenseKind.Pni) foreign.Add("PNI layers");
        if (bayesian && defense.Kind != DefenseKind.AdvBnn) foreign.Add("Bayesian layers");
        if (foreign.Count > 0)
            throw new ArgumentException($"the '{defense.Name}' defence is trained without {string.Join(" or ", foreign)}, " +
                "but the model has them: build it for this defence (DefenseSpec.Build)", "model");
    }
}
