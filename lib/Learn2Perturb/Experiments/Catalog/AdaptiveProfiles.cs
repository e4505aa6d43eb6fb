namespace Learn2Perturb.Experiments;

/// <summary>
/// The evaluations of an adaptive attacker (docs/method.md §7) per profile: AutoAttack's protocol for randomised models
/// (APGD-CE and APGD-DLR with EOT, next to Table 1's FGSM and PGD-7), attack-strength sweeps over PGD steps, restarts,
/// EOT samples and ε, and notebook 06's EOT-FGSM / EOT-PGD-7 sweep over EOT samples. Every sweep holds the other
/// parameters at a base attack: PGD-7 at ε = 8/255 (step <see cref="Attacks.PgdOptions.StepFor"/>, the paper's 0.01), one random start, <c>eot</c> draws per gradient on a
/// stochastic defence and 1 on a deterministic one (EOT averages identical gradients there: pure cost).
/// Smoke is sized to seconds on a CPU (16 images, two or three points per sweep, and a PGD-2 base: only Table 1's own
/// FGSM and PGD-7 keep 7 steps); quick to minutes per sweep. Batches are small (quick 50, paper 100) because the
/// reference code's EOT stacks K copies of a batch into one forward pass: K·batch rows (paper: 30 × 100) with autograd.
/// </summary>
public static class AdaptiveProfiles
{
    private const double Eps = 8.0 / 255;

    private static AdaptiveBudget For(Profile profile) => ProfileBudget.For(profile).Adaptive;

    /// <summary>
    /// AutoAttack's protocol for randomised models (Croce &amp; Hein 2020, "rand" version): APGD-CE and APGD-DLR at
    /// ε = 8/255 with EOT (paper profile: 100 steps, 20 draws), next to Table 1's FGSM and PGD-7 without EOT and the
    /// base EOT-PGD.
    /// </summary>
    public static EvaluationConfig AutoAttack(Profile profile, bool stochastic)
    {
        var b = For(profile);
        int eot = stochastic ? b.Eot : 1;
        AttackSpec[] attacks = [AttackSpec.Fgsm(Eps), AttackSpec.Pgd(Eps), .. stochastic ? [Base(b, eot)] : Array.Empty<AttackSpec>(),
            AttackSpec.Apgd("apgd-ce", Eps, b.ApgdSteps, eot), AttackSpec.Apgd("apgd-dlr", Eps, b.ApgdSteps, eot)];
        return Config(b, attacks);
    }

    /// <summary>
    /// The base PGD with 1 … N steps, each of the workbook's step for its count (<see cref="Attacks.PgdOptions.StepFor"/>:
    /// 2.5·ε/k, the paper's 0.01 at 7): more steps must never raise the accuracy.
    /// </summary>
    public static EvaluationConfig Steps(Profile profile, bool stochastic)
    {
        var b = For(profile);
        return Config(b, [.. b.Steps.Select(s => AttackSpec.Pgd(Eps, s) with { EotSamples = stochastic ? b.Eot : 1 })]);
    }

    /// <summary>The base PGD with 1 … N random restarts: each sample keeps the first restart that fools the model.</summary>
    public static EvaluationConfig Restarts(Profile profile, bool stochastic)
    {
        var b = For(profile);
        return Config(b, [.. b.Restarts.Select(r => Base(b, stochastic ? b.Eot : 1) with { Restarts = r })]);
    }

    /// <summary>The base PGD with 1 … K noise draws per gradient (only meaningful on a stochastic defence).</summary>
    public static EvaluationConfig EotSamples(Profile profile)
    {
        var b = For(profile);
        return Config(b, [.. b.EotSamples.Select(k => Base(b, k))]);
    }

    /// <summary>
    /// The base PGD at growing ε (up to 64/255), each with the workbook's step (<see cref="Attacks.PgdOptions.StepFor"/>),
    /// so that its steps can cross the ball at every budget: accuracy must fall and reach ≈ 0 at the largest ε.
    /// </summary>
    public static EvaluationConfig Epsilon(Profile profile, bool stochastic)
    {
        var b = For(profile);
        int eot = stochastic ? b.Eot : 1;
        return Config(b, [.. b.Epsilons255.Select(e => AttackSpec.Pgd(e / 255.0, b.BaseSteps) with { EotSamples = eot })]);
    }

    /// <summary>
    /// Notebook 06: EOT-FGSM and EOT-PGD-7 (smoke: PGD-2) at ε = 8/255 with 1 … K noise draws per gradient (the
    /// reference code uses 30), and the same PGD with the reference code's EOT (<c>pgd-batch-eot</c>: the K draws as K
    /// copies in one batch), which batch-shared noise reduces to one draw.
    /// </summary>
    public static EvaluationConfig EotSweep(Profile profile)
    {
        var b = For(profile);
        return Config(b, [.. b.EotSweep.Select(k => AttackSpec.Fgsm(Eps) with { EotSamples = k }), .. b.EotSweep.Select(k => Base(b, k)),
            .. b.EotSweep.Select(k => Base(b, k) with { Kind = "pgd-batch-eot" })]);
    }

    private static AttackSpec Base(AdaptiveBudget b, int eot) => AttackSpec.Pgd(Eps, b.BaseSteps) with { EotSamples = eot };

    private static EvaluationConfig Config(AdaptiveBudget b, IReadOnlyList<AttackSpec> attacks) =>
        ExperimentProfiles.Sized(attacks, new EvaluationSize(b.Images, b.Repeats, b.Batch));
}
