namespace Learn2Perturb.Experiments;

/// <summary>
/// Notebook 09: an adaptive attacker against Table 1's ResNet-V1(20) models (docs/method.md §7),
/// <c>adaptive/resnet-v1-20/&lt;defence&gt;/&lt;evaluation&gt;</c> for Learn2Perturb and, for contrast, vanilla adversarial
/// training: AutoAttack's protocol for randomised models (<c>autoattack</c>) and sweeps over PGD <c>steps</c>,
/// <c>restarts</c>, <c>eot-samples</c> (Learn2Perturb only: vanilla is deterministic) and <c>epsilon</c>
/// (<see cref="AdaptiveProfiles"/>). The training configs are Table 1's, so the models are reused from the run store.
/// The <c>autoattack</c> entries carry Table 1's numbers: the paper's PGD-7 and FGSM, without EOT.
/// </summary>
public static partial class ExperimentCatalog
{
    private static IEnumerable<Entry> Adaptive()
    {
        const string note = "Table 1's FGSM and PGD-7, without EOT; the paper reports no adaptive attack";
        foreach (var (defence, stochastic) in new[] { ("l2p", true), ("vanilla", false) })
        {
            var table1 = PaperNumbers.Of($"table1/resnet-v1-20/{defence}") with { Note = note };
            string prefix = $"adaptive/resnet-v1-20/{defence}";
            yield return AdaptiveEntry($"{prefix}/autoattack", defence, table1, p => AdaptiveProfiles.AutoAttack(p, stochastic));
            yield return AdaptiveEntry($"{prefix}/steps", defence, null, p => AdaptiveProfiles.Steps(p, stochastic));
            yield return AdaptiveEntry($"{prefix}/restarts", defence, null, p => AdaptiveProfiles.Restarts(p, stochastic));
            if (stochastic) yield return AdaptiveEntry($"{prefix}/eot-samples", defence, null, AdaptiveProfiles.EotSamples);
            yield return AdaptiveEntry($"{prefix}/epsilon", defence, null, p => AdaptiveProfiles.Epsilon(p, stochastic));
        }
    }

    private static Entry AdaptiveEntry(string name, string defence, PaperNumbers? reported, Func<Profile, EvaluationConfig> evaluation) =>
        new(name, "cifar10", "resnet-v1-20", defence, [], reported, evaluation);
}
