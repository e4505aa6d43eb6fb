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
        int reads = 0;
        using var stop = new CancellationTokenSource();
        var readers = keys.Select(key => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                if (run.TryReadResult<Result>(key, out var r)) { Assert.Equal(values.Length, r.Values.Length); Interlocked.Increment(ref reads); }
        })).ToList();
        // Two evaluations of the same result (two plans' tasks) and one of another, four times each, all at once.
        Parallel.For(0, 12, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i => run.WriteResult(keys[i % 3 == 2 ? 1 : 0], new Result(i, values)));
        stop.Cancel();
        await Task.WhenAll(readers);

        Assert.True(reads > 0);
        foreach (var key in keys)
        {
            Assert.True(run.TryReadResult<Result>(key, out var final));
            Assert.Equal(key == keys[1], final.Writer % 3 == 2); // each key holds one of its own writers' complete results
            Assert.Equal(values, final.Values);
        }
        Assert.Equal(keys.Select(k => k + ".json").Order(), Directory.GetFiles(run.ResultsDirectory).Select(Path.GetFileName).Order());
    }
}
