namespace Learn2Perturb.Core;

/// <summary>A scope that runs its restore action once, on dispose (also when an exception unwinds).</summary>
internal sealed class Restore(Action action) : IDisposable
{
    private Action? action = action;

    public void Dispose()
    {
        action?.Invoke();
        action = null;
    }
}
