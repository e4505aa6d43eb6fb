using Learn2Perturb.Core;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Perturbation;

/// <summary>Noise switches and θ access for any model that contains <see cref="PerturbationInjection"/> modules.</summary>
public static class ModelNoise
{
    /// <summary>Every perturbation-injection module of <paramref name="model"/>, in registration order (stem first).</summary>
    public static IReadOnlyList<PerturbationInjection> PerturbationModules(this nn.Module model) =>
        model.modules().OfType<PerturbationInjection>().ToList();

    /// <summary>The θ parameters (noise std maps), in module order.</summary>
    public static IReadOnlyList<Parameter> ThetaParameters(this nn.Module model) =>
        model.PerturbationModules().Select(m => m.Theta).ToList();

    /// <summary>
    /// The network weights W: every parameter that is not a θ. Compared by reference, never by value
    /// (TorchSharp's Tensor.Equals compares values, so two θ maps with equal entries would look identical).
    /// </summary>
    public static IReadOnlyList<Parameter> WeightParameters(this nn.Module model)
    {
        var thetas = new HashSet<object>(model.ThetaParameters(), ReferenceEqualityComparer.Instance);
        return model.parameters().Where(p => !thetas.Contains(p)).ToList();
    }

    /// <summary>
    /// Every module that draws noise (perturbation injection and the baselines' noisy layers), in registration order.
    /// </summary>
    public static IReadOnlyList<IStochasticModule> StochasticModules(this nn.Module model) =>
        model.modules().OfType<IStochasticModule>().ToList();

    /// <summary>Switches every stochastic module (θ modules and the baselines' noisy layers) on or off.</summary>
    public static void SetNoise(this nn.Module model, NoiseMode mode)
    {
        foreach (var m in model.StochasticModules()) m.Mode = mode;
    }

    public static void SetNoiseSampling(this nn.Module model, NoiseSampling sampling)
    {
        foreach (var m in model.PerturbationModules()) m.Sampling = sampling;
    }

    /// <summary>Sets the generator of every θ module (the baselines' weight noise always uses torch's randn).</summary>
    public static void SetNoiseGenerator(this nn.Module model, NoiseGenerator generator)
    {
        foreach (var m in model.PerturbationModules()) m.Generator = generator;
    }

    /// <summary>Switches noise for the lifetime of the returned scope, then restores each module's previous mode.</summary>
    public static IDisposable Noise(this nn.Module model, NoiseMode mode)
    {
        var modules = model.StochasticModules();
        var previous = modules.Select(m => m.Mode).ToArray();
        foreach (var m in modules) m.Mode = mode;
        return new Restore(() =>
        {
            for (int i = 0; i < modules.Count; i++) modules[i].Mode = previous[i];
        });
    }

    /// <summary>True when at least one module would add noise on the next forward pass.</summary>
    public static bool IsStochastic(this nn.Module model) => model.StochasticModules().Any(m => m.Mode == NoiseMode.On);

    /// <summary>True when two eval-mode forward passes on <paramref name="x"/> give different logits (AutoAttack's check_randomized).</summary>
    public static bool IsRandomised(this nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var mode = model.EvalMode();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        return !model.forward(x).allclose(model.forward(x), rtol: 0, atol: 0);
    }

    /// <summary>
    /// True when every forward pass over <paramref name="x"/> gives the same output: no noise module on, no module in
    /// training mode, and two passes agree (which also catches noise drawn outside a noise module). A declared noise
    /// module decides without a forward pass, so a noisy model's random stream is untouched.
    /// </summary>
    public static bool PassesAgree(this nn.Module<Tensor, Tensor> model, Tensor x) =>
        !model.IsStochastic() && !model.modules().Prepend(model).Any(m => m.training) && !model.IsRandomised(x);

    /// <summary>
    /// How many of <paramref name="draws"/> forward passes over <paramref name="x"/> an attack needs to take: all of
    /// them on a model that re-samples something per pass, one where the passes agree (<see cref="PassesAgree"/>): the
    /// mean or majority over identical passes is the one pass, and the rest would only cost time.
    /// </summary>
    public static int DrawsNeeded(this nn.Module<Tensor, Tensor> model, Tensor x, int draws) =>
        draws > 1 && model.PassesAgree(x) ? 1 : draws;

    /// <summary>
    /// True when noise is on and every module that adds it draws per image (θ modules sampling per sample; the
    /// baselines' weight noise is one draw per pass), and no module is in training mode (train-mode BatchNorm couples
    /// the images of a batch). Then K stochastic passes over N images are distributed exactly as one pass over K copies
    /// of them, which is how the attacks take their EOT draws on such a model.
    /// </summary>
    public static bool DrawsPerImage(this nn.Module model)
    {
        var on = model.StochasticModules().Where(m => m.Mode == NoiseMode.On).ToList();
        return on.Count > 0 && on.All(m => m is PerturbationInjection { Sampling: NoiseSampling.PerSample })
            && !model.modules().Prepend(model).Any(m => m.training);
    }

    public static void ProjectTheta(this nn.Module model)
    {
        foreach (var m in model.PerturbationModules()) m.ProjectTheta();
    }

    /// <summary>Mean θ of each module, stem first.</summary>
    public static double[] ThetaMeanPerModule(this nn.Module model)
    {
        using var _ = no_grad();
        return model.ThetaParameters().Select(t => t.mean().item<float>()).Select(v => (double)v).ToArray();
    }
}
