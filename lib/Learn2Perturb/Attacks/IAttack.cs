using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// A fixed-budget attack (docs/architecture.md §1.2): the result always lies inside <see cref="Threat"/>; x is never mutated.
/// Attacks run the model in eval mode (BatchNorm statistics frozen) and leave its noise as it is, then restore
/// the mode the model had.
/// </summary>
public interface IAttack
{
    string Name { get; }

    ThreatModel Threat { get; }

    /// <summary>Forward passes per gradient and what is re-sampled (evaluation records it; docs/method.md §5).</summary>
    AttackDescription Description => AttackDescription.Default;

    /// <param name="x">Clean images in [0,1], shape [N,C,H,W].</param>
    /// <param name="y">Labels to move away from, shape [N] (int64).</param>
    /// <returns>Adversarial images, a new detached tensor of x's shape.</returns>
    Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y);
}
