using Learn2Perturb.Runs;

namespace Learn2Perturb.Tests.Runs;

/// <summary>A run store in a fresh temporary directory, deleted afterwards.</summary>
internal sealed class TempRunStore : IDisposable
{
    public TempRunStore() => Store = new RunStore(Path.Combine(Path.GetTempPath(), "l2p-runs-test-" + Guid.NewGuid().ToString("N")));

    public RunStore Store { get; }

    public string Root => Store.Root;

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
