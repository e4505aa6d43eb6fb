namespace Learn2Perturb.Experiments;

/// <summary>
/// An experiment names a defence or attack of the paper that this build does not implement yet. Raised instead of
/// falling back to something else, so a sweep never silently trains or attacks the wrong thing.
/// </summary>
public sealed class NotAvailableException(string what, string name, IEnumerable<string> available)
    : InvalidOperationException($"{what} '{name}' is not available in this build yet (available: {string.Join(", ", available)})")
{
    public string Name { get; } = name;
}
