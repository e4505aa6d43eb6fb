namespace Learn2Perturb.Perturbation;

/// <summary>
/// A module that draws noise on its forward pass: Learn2Perturb's perturbation injection and the baselines' noisy
/// layers (PNI, Adv-BNN; docs/method.md §4). Noise follows <see cref="Mode"/>, never <c>train()</c>/<c>eval()</c>, so
/// <see cref="ModelNoise.Noise"/> and <see cref="ModelNoise.IsStochastic"/> treat every stochastic defence alike.
/// </summary>
public interface IStochasticModule
{
    /// <summary>On: a fresh draw on every forward pass; Off: deterministic (noise-free, or the posterior mean).</summary>
    NoiseMode Mode { get; set; }
}
