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

    /// <summary>"FGSM", "EOT-FGSM-x30", "FGM-L2", "EOT-FGSM-x30-batch".</summary>
    public string Name
    {
        get
        {
            string core = Threat.Norm == Norm.L2 ? "FGM-L2" : "FGSM";
            string batch = pgd.Options.EotInOneBatch ? "-batch" : "";
            return pgd.Options.EotSamples > 1 || pgd.Options.EotInOneBatch ? $"EOT-{core}-x{pgd.Options.EotSamples}{batch}" : core;
        }
    }

    public ThreatModel Threat => pgd.Threat;

    public AttackDescription Description => new(pgd.Options.EotSamples, RandomStart: false, EotInOneBatch: pgd.Options.EotInOneBatch);

    public Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y) => pgd.Perturb(model, x, y);
}
