using Learn2Perturb.Runs;
using Learn2Perturb.Tests.Runs;

namespace Learn2Perturb.Tests.Cluster;

/// <summary>A run store that several cluster tasks use at once.</summary>
public sealed class SharedStoreTests : IDisposable
{
    private sealed record Config(string Name);

    private sealed record Result(int Writer, double[] Values);

    private readonly TempRunStore temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ConcurrentEvaluationsOfOneRunNeverClobberEachOthersResults()
    {
        var run = temp.Store.OpenOrCreate(new Config("shared"), "test/shared", "smoke", 1, "cpu");
        var values = Enumerable.Range(0, 100_000).Select(i => i / 7.0).ToArray(); // a few MB: a write takes a while
        string[] keys = ["eval-aaaa", "eval-bbbb"];
        using var stop = new CancellationTokenSource();
        using var readersStarted = new CountdownEvent(keys.Length);
        // Each reader reads until the writers are done and it has seen the result at least once, so a fast machine that
        // finishes the writes before a reader's first success still checks a complete read.
        var readers = keys.Select(key => Task.Run(() =>
        {
            readersStarted.Signal();
            int reads = 0;
            var deadline = DateTime.UtcNow.AddMinutes(1); // a store that never shows the result fails below, not hangs
            while (!stop.IsCancellationRequested || (reads == 0 && DateTime.UtcNow < deadline))
                if (run.TryReadResult<Result>(key, out var r)) { Assert.Equal(values.Length, r.Values.Length); reads++; }
        })).ToList();
        readersStarted.Wait();
        // Two evaluations of the same result (two plans' tasks) and one of another, four times each, all at once.
        Parallel.For(0, 12, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i => run.WriteResult(keys[i % 3 == 2 ? 1 : 0], new Result(i, values)));
        stop.Cancel();
        await Task.WhenAll(readers);

        foreach (var key in keys)
        {
            Assert.True(run.TryReadResult<Result>(key, out var final));
            Assert.Equal(key == keys[1], final.Writer % 3 == 2); // each key holds one of its own writers' complete results
            Assert.Equal(values, final.Values);
        }
        Assert.Equal(keys.Select(k => k + ".json").Order(), Directory.GetFiles(run.ResultsDirectory).Select(Path.GetFileName).Order());
    }
}
