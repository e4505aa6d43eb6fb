using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// What differs between norms in a gradient attack (docs/architecture.md §1.3, "write the loop once, vary the geometry"):
/// the random start, the steepest-ascent step and the projection onto the ε-ball. The pixel-box clip is shared.
/// </summary>
internal abstract class Geometry
{
    protected Geometry(ThreatModel threat) => Threat = threat;

    public ThreatModel Threat { get; }

    public static Geometry For(ThreatModel threat) => threat.Norm switch
    {
        Norm.LInf => new LInfGeometry(threat),
        Norm.L2 => new L2Geometry(threat),
        _ => throw new ArgumentOutOfRangeException(nameof(threat), threat.Norm, "unknown norm"),
    };

    /// <summary>A random point of the ε-ball around x, inside the box.</summary>
    public abstract Tensor RandomStart(Tensor x);

    /// <summary>adv + size · (the steepest-ascent direction of <paramref name="grad"/> in this norm).</summary>
    public abstract Tensor Step(Tensor adv, Tensor grad, double size);

    /// <summary>
    /// adv + size · direction with a per-sample <paramref name="size"/> of shape [N] (APGD's step sizes).
    /// </summary>
    public abstract Tensor Step(Tensor adv, Tensor grad, Tensor size);

    /// <summary>Projects adv onto the ε-ball around x, then onto the box. Returns a new tensor.</summary>
    public Tensor Project(Tensor adv, Tensor x) => ProjectBall(adv, x).clamp_(Threat.Min, Threat.Max);

    protected abstract Tensor ProjectBall(Tensor adv, Tensor x);

    /// <summary>Reshapes a per-sample [N] tensor so that it broadcasts over [N, C, H, W].</summary>
    public static Tensor PerSample(Tensor v, Tensor like) =>
        v.view([v.shape[0], .. Enumerable.Repeat(1L, (int)like.dim() - 1)]);

    /// <summary>Per-sample L2 norm over all but the first dimension, shape [N].</summary>
    public static Tensor L2Norms(Tensor t) => t.flatten(1).square().sum(1).sqrt();
}

internal sealed class LInfGeometry(ThreatModel threat) : Geometry(threat)
{
    public override Tensor RandomStart(Tensor x) =>
        (x + empty_like(x).uniform_(-Threat.Epsilon, Threat.Epsilon)).clamp_(Threat.Min, Threat.Max);

    public override Tensor Step(Tensor adv, Tensor grad, double size) => adv.add(grad.sign(), alpha: size);

    public override Tensor Step(Tensor adv, Tensor grad, Tensor size) => adv + PerSample(size, adv) * grad.sign();

    protected override Tensor ProjectBall(Tensor adv, Tensor x) =>
        minimum(maximum(adv, x - Threat.Epsilon), x + Threat.Epsilon);
}

internal sealed class L2Geometry(ThreatModel threat) : Geometry(threat)
{
    // Guards the divisions by a norm: a zero gradient or a zero perturbation stays zero instead of becoming NaN.
    private const double Tiny = 1e-12;

    /// <summary>Uniform in the L2 ball: a Gaussian direction, radius ε·U^(1/d).</summary>
    public override Tensor RandomStart(Tensor x)
    {
        var direction = randn_like(x);
        direction.div_(PerSample(L2Norms(direction).clamp_min(Tiny), x));
        long d = x[0].numel();
        var radius = rand(x.shape[0], dtype: x.dtype, device: x.device).pow_(1.0 / d).mul_(Threat.Epsilon);
        return (x + direction * PerSample(radius, x)).clamp_(Threat.Min, Threat.Max);
    }

    public override Tensor Step(Tensor adv, Tensor grad, double size) => adv + Unit(grad) * size;

    public override Tensor Step(Tensor adv, Tensor grad, Tensor size) => adv + Unit(grad) * PerSample(size, adv);

    protected override Tensor ProjectBall(Tensor adv, Tensor x)
    {
        var delta = adv - x;
        var factor = (Threat.Epsilon / L2Norms(delta).clamp_min(Tiny)).clamp_max_(1.0);
        return x + delta * PerSample(factor, x);
    }

    private static Tensor Unit(Tensor g) => g / PerSample(L2Norms(g).clamp_min(Tiny), g);
}
