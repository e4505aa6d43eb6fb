using System.Diagnostics;
using Learn2Perturb.Runs;

namespace Learn2Perturb.Tests.Runs;

/// <summary>The run lock on a filesystem many hosts share: holders named by host and pid, stale locks taken over safely.</summary>
public sealed class RunLockTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("l2p-lock-").FullName;

    private string LockPath => Path.Combine(directory, "train.lock");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private void WriteHolder(string host, int pid, long startTicks, TimeSpan age)
    {
        File.WriteAllText(LockPath, $"{host} {pid} {startTicks} 0123456789abcdef0123456789abcdef\n");
        File.SetLastWriteTimeUtc(LockPath, DateTime.UtcNow - age);
    }

    [Fact]
    public void ALockOfAnotherHostWithARecentHeartbeatHolds()
    {
        WriteHolder("other-node", 4242, 1, TimeSpan.FromMinutes(2));
        var e = Assert.Throws<IOException>(() => RunLock.Acquire(LockPath, "run x"));
        Assert.Contains("other-node pid 4242", e.Message);
        Assert.Contains("other-node 4242", File.ReadAllText(LockPath)); // left as it was
    }

    [Fact]
    public void ALockOfAnotherHostIsTakenOverOnlyOnceItsHeartbeatIsStale()
    {
        WriteHolder("other-node", 4242, 1, RunLock.StaleAfter + TimeSpan.FromMinutes(1));
        using (var taken = RunLock.Acquire(LockPath, "run x"))
        {
            Assert.StartsWith($"{Environment.MachineName} {Environment.ProcessId} ", File.ReadAllText(LockPath));
            Assert.Empty(Directory.GetFiles(directory, "*.stale-*")); // the stale file was removed, not left beside it
        }
        Assert.False(File.Exists(LockPath));
    }

    [Fact]
    public void ALiveProcessOnThisHostHoldsItsLockAndAFinishedOnesLockIsTakenOver()
    {
        using var sleeper = Process.Start("sleep", "30");
        try
        {
            WriteHolder(Environment.MachineName, sleeper.Id, StartTicks(sleeper.Id), TimeSpan.FromHours(1)); // an old heartbeat does not matter on the same host
            Assert.Throws<IOException>(() => RunLock.Acquire(LockPath, "run x"));
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
        using var taken = RunLock.Acquire(LockPath, "run x");
        Assert.Equal(Environment.ProcessId.ToString(), File.ReadAllText(LockPath).Split(' ')[1]);
    }

    [Fact]
    public void AReusedPidDoesNotKeepALockAlive()
    {
        // This very process's pid, but another start time: the pid was reused after the holder died.
        WriteHolder(Environment.MachineName, Environment.ProcessId, StartTicks(Environment.ProcessId) + 1, TimeSpan.Zero);
        using var taken = RunLock.Acquire(LockPath, "run x");
        Assert.Equal(taken.Owner.Token, File.ReadAllText(LockPath).Trim().Split(' ')[3]);
    }

    [Fact]
    public void DisposingLeavesALockAnotherProcessHasTakenOver()
    {
        var mine = RunLock.Acquire(LockPath, "run x");
        WriteHolder("other-node", 7, 1, TimeSpan.Zero); // as if this holder had looked dead and another node took over
        mine.Dispose();
        Assert.Contains("other-node 7", File.ReadAllText(LockPath));
    }

    private static long StartTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], System.Globalization.CultureInfo.InvariantCulture);
    }
}
