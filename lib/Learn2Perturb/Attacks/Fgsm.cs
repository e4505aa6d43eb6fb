using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// FGSM (Goodfellow et al.): one steepest-ascent step of size ε from x, no random start, clipped to [0,1]
/// (docs/method.md §5). For an L2 threat it is the fast gradient method (a unit-L2 gradient step of length ε).
/// <paramref name="eotSamples"/> K &gt; 1 gives EOT-FGSM: the gradient is the mean over K noise draws;
/// <paramref name="eotInOneBatch"/> takes them the reference code's way, K copies in one forward pass
/// (<see cref="PgdOptions.EotInOneBatch"/>).
/// </summary>
public sealed class Fgsm(ThreatModel threat, int eotSamples = 1, bool eotInOneBatch = false) : IAttack
{
    // FGSM is one PGD step of size ε without random start: the same loop, so the same projection and checks.
    private readonly Pgd pgd = new(threat, new PgdOptions(Steps: 1, StepSize: Math.Max(threat.Epsilon, double.Epsilon), RandomStart: false, EotSamples: eotSamples)
    {
        EotInOneBatch = eotInOneBatch,
    });

    /// <summary><see cref="AttackName"/>: "fgsm@8/255", "fgsm-eot30@8/255", "fgsm-eot30-batch@8/255", "fgsm-l2@0.5".</summary>
    public string Name => AttackName.Of("fgsm", Threat, eotSamples: pgd.Options.EotSamples, inOneBatch: pgd.Options.EotInOneBatch);

    public ThreatModel Threat => pgd.Threat;

    public AttackDescription Description => new(pgd.Options.EotSamples, RandomStart: false, EotInOneBatch: pgd.Options.EotInOneBatch);

    public Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y) => pgd.Perturb(model, x, y);
}
