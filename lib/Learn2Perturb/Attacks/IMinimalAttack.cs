using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// A minimal-perturbation attack (docs/architecture.md §1.2, §3): it searches for the smallest change that fools the model, so
/// its result is not a point inside a fixed ball but x_adv with, per sample, whether it fooled the model and how far
/// it moved (C&amp;W: L2 distance; few-pixel: pixels changed). x is never mutated.
/// </summary>
public interface IMinimalAttack
{
    string Name { get; }

    /// <summary>Forward passes per gradient and what is re-sampled (evaluation records it; docs/method.md §5).</summary>
    AttackDescription Description { get; }

    /// <summary>Fresh forward passes whose majority decides a success (and, where the attack skips misclassified images, who is attempted).</summary>
    int SuccessDraws { get; }

    /// <param name="x">Clean images in [0,1], shape [N,C,H,W].</param>
    /// <param name="y">True labels, shape [N] (int64).</param>
    MinimalResult Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y);
}
