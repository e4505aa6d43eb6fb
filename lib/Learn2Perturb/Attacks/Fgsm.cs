using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// FGSM (Goodfellow et al.): one signed-gradient step of size ε from x, no random start, clipped to [0,1]
/// (PAPER.md §5). <paramref name="eotSamples"/> &gt; 1 gives EOT-FGSM.
/// </summary>
public sealed class Fgsm(ThreatModel threat, int eotSamples = 1) : IAttack
{
    // FGSM is one PGD step of size ε without random start: the same loop, so the same projection and checks.
    private readonly Pgd pgd = new(threat, new PgdOptions(Steps: 1, StepSize: Math.Max(threat.Epsilon, double.Epsilon), RandomStart: false, EotSamples: eotSamples));

    public string Name => pgd.Options.EotSamples > 1 ? $"EOT-FGSM-x{pgd.Options.EotSamples}" : "FGSM";

    public ThreatModel Threat => pgd.Threat;

    public Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y) => pgd.Perturb(model, x, y);
}
