using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// The black-box transfer attack (docs/method.md §5): adversarial examples are crafted by <see cref="Inner"/> on a
/// separately trained <see cref="Source"/> model and then shown to the target; the target's gradients are never
/// used. Any budget attack can be the inner one, so the result stays inside its threat model.
/// </summary>
public sealed class TransferAttack(nn.Module<Tensor, Tensor> source, IAttack inner, string sourceName = "source") : IAttack
{
    public nn.Module<Tensor, Tensor> Source { get; } = source ?? throw new ArgumentNullException(nameof(source));

    public IAttack Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The inner attack's name and its source: "pgd-7@8/255 from none".</summary>
    public string Name => $"{Inner.Name} from {sourceName}";

    public ThreatModel Threat => Inner.Threat;

    /// <summary>No gradient of the target is taken: a black-box attack for the sanity checks.</summary>
    public AttackDescription Description => Inner.Description with { UsesGradients = false };

    /// <param name="model">The target: not used to craft the examples, by design.</param>
    public Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y) => Inner.Perturb(Source, x, y);
}
