using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>Per-sample attack losses and margins on logits [N, classes].</summary>
internal static class Losses
{
    public static Tensor PerSample(AttackLoss kind, Tensor logits, Tensor y) => kind switch
    {
        AttackLoss.CrossEntropy => nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.None),
        AttackLoss.Dlr => Dlr(logits, y),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown attack loss"),
    };

    /// <summary>z_y − max_{i≠y} z_i: positive while the model is right, negative once it is fooled.</summary>
    public static Tensor Margin(Tensor logits, Tensor y)
    {
        var trueLogit = logits.gather(1, y.view(-1, 1)).squeeze(1);
        return trueLogit - BestOther(logits, y);
    }

    /// <summary>max_{i≠y} z_i: the true class is masked with −∞ before the max.</summary>
    public static Tensor BestOther(Tensor logits, Tensor y)
    {
        var mask = zeros_like(logits, dtype: ScalarType.Bool).scatter_(1, y.view(-1, 1), ones_like(y.view(-1, 1), dtype: ScalarType.Bool));
        return logits.masked_fill(mask, double.NegativeInfinity).amax([1]);
    }

    /// <summary>−(z_y − max_{i≠y} z_i) / (z_π1 − z_π3 + 1e-12), with π the logits sorted in decreasing order.</summary>
    private static Tensor Dlr(Tensor logits, Tensor y)
    {
        if (logits.shape[1] < 3)
            throw new ArgumentException($"the DLR loss needs at least 3 classes, the model has {logits.shape[1]}", nameof(logits));
        var sorted = logits.sort(1, descending: true).Values;
        var spread = sorted[.., 0] - sorted[.., 2] + 1e-12;
        return -Margin(logits, y) / spread;
    }
}
