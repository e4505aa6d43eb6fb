namespace Learn2Perturb.Attacks;

/// <summary>The loss a gradient attack ascends (Croce &amp; Hein 2020 use both in AutoAttack).</summary>
public enum AttackLoss
{
    /// <summary>Cross-entropy of the true label.</summary>
    CrossEntropy,

    /// <summary>
    /// Difference of logits ratio: −(z_y − max_{i≠y} z_i) / (z_π1 − z_π3), invariant to shifting and scaling the
    /// logits. Needs at least 3 classes.
    /// </summary>
    Dlr,
}
