using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;

namespace Learn2Perturb.Experiments;

/// <summary>
/// Notebook 06: EOT-FGSM and EOT-PGD-7 against Learn2Perturb on ResNet-V1(20) trained with per-sample noise (the
/// paper's model) and with batch-shared noise (the reference code's), <c>eot/resnet-v1-20/{per-sample,shared}</c>.
/// The training configs are those of <c>ablation/training/paper-default</c> and <c>ablation/training/shared-noise</c>,
/// so the models come from the run store when the ablation notebook trained them first. The paper's EOT numbers are not
/// available to us (docs/method.md §6): no paper numbers are attached.
/// </summary>
public static partial class ExperimentCatalog
{
    private static IEnumerable<Entry> Eot()
    {
        yield return EotEntry("per-sample", t => t);
        yield return EotEntry("shared", t => t with { Perturbation = new PerturbationOptions(Sampling: NoiseSampling.SharedAcrossBatch) });
    }

    private static Entry EotEntry(string sampling, Func<TrainingConfig, TrainingConfig> variant) =>
        new($"eot/resnet-v1-20/{sampling}", "cifar10", "resnet-v1-20", "l2p", [], null, AdaptiveProfiles.EotSweep,
            (p, t) => variant(ExperimentProfiles.Ablation(p, t)));
}
