namespace Learn2Perturb.Attacks;

/// <summary>
/// How an attack spends forward passes and what it re-samples, recorded next to every result (docs/method.md §5, §7):
/// <see cref="ForwardPassesPerGradient"/> is the number of EOT draws averaged into one gradient (1 = no EOT);
/// <see cref="RandomStart"/> says whether a repeat re-samples the starting point; <see cref="UsesGradients"/> is
/// false for black-box attacks (few-pixel) and for transfer attacks, whose gradients come from another model;
/// <see cref="EotInOneBatch"/> says the EOT draws were taken as copies in one batch (<see cref="PgdOptions.EotInOneBatch"/>),
/// which batch-shared noise reduces to one draw.
/// </summary>
public sealed record AttackDescription(int ForwardPassesPerGradient, bool RandomStart, bool UsesGradients = true, bool EotInOneBatch = false)
{
    /// <summary>What an attack that says nothing about itself is taken to be: one pass per gradient, no random start.</summary>
    public static AttackDescription Default { get; } = new(1, false);

    /// <summary>True when gradients of a stochastic model are averaged over more than one draw.</summary>
    public bool UsesEot => ForwardPassesPerGradient > 1;
}
