namespace Learn2Perturb.Evaluation;

/// <summary>
/// A failed sanity check, stored with the result it concerns (never dropped; docs/method.md §7): which check, and a
/// sentence saying what was seen and what it may mean.
/// </summary>
public sealed record SanityWarning(SanityCheck Check, string Message)
{
    public override string ToString() => $"{Check}: {Message}";
}
