using Learn2Perturb.Attacks;
using static TorchSharp.torch;

namespace Learn2Perturb.Experiments;

/// <summary>An attack under the name its experiment gives it, so an ε sweep of one attack keeps its points apart.</summary>
internal sealed class LabelledAttack(string name, IAttack inner) : IAttack
{
    public string Name => name;

    public ThreatModel Threat => inner.Threat;

    public AttackDescription Description => inner.Description;

    public Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y) => inner.Perturb(model, x, y);
}
