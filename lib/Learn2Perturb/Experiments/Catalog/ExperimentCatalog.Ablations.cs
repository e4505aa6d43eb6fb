using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using Learn2Perturb.Training;

namespace Learn2Perturb.Experiments;

/// <summary>
/// The ablations docs/method.md §7 lists, on Learn2Perturb with ResNet-V1(20) under the ablation schedule
/// (<see cref="ExperimentProfiles.Ablation"/>): <c>ablation/noise-reg/&lt;variant&gt;</c> (notebook 07) and
/// <c>ablation/training/&lt;variant&gt;</c> (notebook 08). The paper describes them in words only, so no paper numbers
/// are attached. Each group's <c>paper-default</c> variant is the same training config, hence one run.
/// </summary>
public static partial class ExperimentCatalog
{
    /// <summary>Regulariser γ·g(θ): the paper's γ = 1e-4 with harmonic annealing, off, stronger γ, constant τ.</summary>
    private static IEnumerable<Entry> NoiseRegularisation()
    {
        var variants = new (string Name, NoiseRegularizer Regularizer)[]
        {
            ("paper-default", new()),
            ("off", new(Annealing: Annealing.None)),
            ("gamma-1e-3", new(Gamma: 1e-3)),
            ("gamma-1e-2", new(Gamma: 1e-2)),
            ("constant-tau", new(Annealing: Annealing.Constant)),
        };
        foreach (var (name, regularizer) in variants)
            yield return Ablation($"ablation/noise-reg/{name}", t => t with { Options = t.Options with { Regularizer = regularizer } });
    }

    /// <summary>
    /// The training scheme: Algorithm 1 as printed, its reading with γ·∇g through θ's optimiser, strict alternation, the reference code's scheme, θ0, no θ projection,
    /// batch-shared noise, noise in the residual blocks only (no stem module), and the paper-default model evaluated
    /// with its noise off.
    /// </summary>
    private static IEnumerable<Entry> TrainingScheme()
    {
        yield return Ablation("ablation/training/paper-default", t => t);
        yield return Ablation("ablation/training/through-optimizer", t => t with { Options = t.Options with { Scheme = UpdateScheme.Algorithm1ThroughOptimizer } });
        yield return Ablation("ablation/training/strict-alternation", t => t with { Options = t.Options with { Scheme = UpdateScheme.StrictAlternation } });
        yield return Ablation("ablation/training/reference-code", t => t with { Options = t.Options with { Scheme = UpdateScheme.ReferenceCode } });
        yield return Ablation("ablation/training/theta0-0.1", t => t with { Perturbation = new PerturbationOptions(Theta0: 0.1) });
        yield return Ablation("ablation/training/theta0-0.5", t => t with { Perturbation = new PerturbationOptions(Theta0: 0.5) });
        yield return Ablation("ablation/training/thetamin-0", t => t with { Perturbation = new PerturbationOptions(ThetaMin: 0) });
        yield return Ablation("ablation/training/shared-noise", t => t with { Perturbation = new PerturbationOptions(Sampling: NoiseSampling.SharedAcrossBatch) });
        yield return Ablation("ablation/training/test-noise-off", t => t,
            p => ExperimentProfiles.AblationEvaluation(p) with { TestTimeNoise = NoiseMode.Off });
        yield return Ablation("ablation/training/placement-blocks-only",
            t => t with { Perturbation = new PerturbationOptions { Placement = NoisePlacement.BlocksOnly } });
    }

    private static Entry Ablation(string name, Func<TrainingConfig, TrainingConfig> variant, Func<Profile, EvaluationConfig>? evaluation = null) =>
        new(name, "cifar10", "resnet-v1-20", "l2p", ExperimentProfiles.TableAttacks, null, evaluation ?? ExperimentProfiles.AblationEvaluation,
            (p, t) => variant(ExperimentProfiles.Ablation(p, t)));
}
