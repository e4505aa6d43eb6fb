using Learn2Perturb.Baselines;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Training;

/// <summary>What each <see cref="Defense"/> needs from a model's layers, checked before training starts.</summary>
internal static class DefenseModelCheck
{
    /// <summary>Learn2Perturb and Learn2Perturb-R learn θ maps; the other defences have none.</summary>
    public static bool LearnsTheta(this Defense defense) => defense is Defense.Learn2Perturb or Defense.Learn2PerturbR;

    /// <summary>
    /// Throws when the model lacks the layers the defence trains (θ modules, PNI layers, Bayesian layers) or has
    /// stochastic layers of another defence, which the trainer would otherwise train with the wrong rules.
    /// </summary>
    public static void Validate(nn.Module model, Defense defense)
    {
        bool theta = model.PerturbationModules().Count > 0;
        bool pni = model.PniLayers().Count > 0;
        bool bayesian = model.BayesianLayers().Count > 0;
        string? missing = defense switch
        {
            _ when defense.LearnsTheta() && !theta => "perturbation-injection modules (build it with PerturbationOptions)",
            Defense.Pni when !pni => "PNI layers (build it with new PniLayers(options))",
            Defense.AdvBnn when !bayesian => "Bayesian layers (build it with new BayesianLayers(options))",
            _ => null,
        };
        if (missing is not null)
            throw new ArgumentException($"the '{defense.ToName()}' defence needs a model with {missing}; DefenseSpecs builds the right one", "model");
        var foreign = new List<string>();
        if (theta && !defense.LearnsTheta()) foreign.Add("perturbation-injection modules");
        if (pni && defense != Defense.Pni) foreign.Add("PNI layers");
        if (bayesian && defense != Defense.AdvBnn) foreign.Add("Bayesian layers");
        if (foreign.Count > 0)
            throw new ArgumentException($"the '{defense.ToName()}' defence is trained without {string.Join(" or ", foreign)}, " +
                "but the model has them: build it for this defence (DefenseSpecs)", "model");
    }
}
