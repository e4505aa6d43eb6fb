using System.Globalization;

namespace Learn2Perturb.Runs;

/// <summary>
/// A lock file that holds across the hosts of a shared filesystem (a cluster's run store on NFS or Lustre, where
/// <c>flock</c> may not reach other nodes): it is created with O_CREAT|O_EXCL, names its holder (host, pid, the pid's
/// start time, a random token), and its modification time is refreshed every <see cref="Heartbeat"/> while held.
/// </summary>
/// <remarks>
/// A lock left by a dead holder is taken over: on the same host when its pid no longer runs the process that wrote it
/// (the start time tells a reused pid apart); on another host, where the pid cannot be checked, only when its heartbeat
/// is older than <see cref="StaleAfter"/> — a live holder refreshes it far more often, so a slow node or a clock
/// a few minutes off never loses its lock. A takeover renames the stale file away first, so of two processes taking
/// over the same stale lock one fails; the holder only deletes the file while it still carries its own token.
/// </remarks>
public sealed class RunLock : IDisposable
{
    /// <summary>How often a holder refreshes the lock file's modification time.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(1);

    /// <summary>How old a heartbeat from another host must be before its lock counts as abandoned.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    private readonly Timer heartbeat;
    private int disposed;

    private RunLock(string path, Holder holder)
    {
        Path = path;
        Owner = holder;
        heartbeat = new Timer(_ => Touch(), null, Heartbeat, Heartbeat);
    }

    public string Path { get; }

    /// <summary>This process, as written in the file.</summary>
    public Holder Owner { get; }

    /// <summary>Who holds a lock: <c>host pid start-ticks token</c> on one line.</summary>
    public sealed record Holder(string Host, int Pid, long StartTicks, string Token)
    {
        public override string ToString() => $"{Host} pid {Pid}";

        internal string Line => $"{Host} {Pid} {StartTicks.ToString(CultureInfo.InvariantCulture)} {Token}\n";

        internal static Holder? Parse(string text)
        {
            var parts = text.Trim().Split(' ');
            return parts.Length == 4 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int pid)
                   && long.TryParse(parts[2], CultureInfo.InvariantCulture, out long ticks)
                ? new Holder(parts[0], pid, ticks, parts[3]) : null;
        }
    }

    /// <summary>Takes the lock at <paramref name="path"/>, or throws naming its holder.</summary>
    /// <param name="what">What the lock guards, for the message (e.g. <c>run 3c31b20cbd27</c>).</param>
    /// <exception cref="IOException">A live holder has it (on another host: its heartbeat is recent).</exception>
    public static RunLock Acquire(string path, string what)
    {
        var me = new Holder(Environment.MachineName, Environment.ProcessId, ProcessStartTicks(Environment.ProcessId) ?? 0, Guid.NewGuid().ToString("N"));
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (TryCreate(path, me)) return new RunLock(path, me);
            var (holder, age) = Read(path);
            if (holder is not null && !IsStale(holder, age))
                throw new IOException($"{what} is being trained by another process ({holder}; {path}, heartbeat {age.TotalSeconds:F0} s ago): wait for it or stop it");
            TakeOver(path, holder);
        }
        throw new IOException($"{what}: could not take the lock {path}: other processes keep taking it");
    }

    /// <summary>
    /// Whether a lock written by <paramref name="holder"/> and last refreshed <paramref name="age"/> ago is abandoned.
    /// </summary>
    public static bool IsStale(Holder holder, TimeSpan age)
    {
        if (holder.Host != Environment.MachineName) return age > StaleAfter;
        return ProcessStartTicks(holder.Pid) is not { } ticks || (holder.StartTicks != 0 && ticks != holder.StartTicks);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        heartbeat.Dispose();
        var (holder, _) = Read(Path);
        if (holder?.Token == Owner.Token) File.Delete(Path);
    }

    private void Touch()
    {
        try { File.SetLastWriteTimeUtc(Path, DateTime.UtcNow); }
        catch (IOException) { } // a missed beat is retried in a minute; ten are needed to look stale
        catch (UnauthorizedAccessException) { }
    }

    private static bool TryCreate(string path, Holder me)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(me.Line));
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>The holder named in the file (null while it is unreadable or half-written) and its heartbeat's age.</summary>
    private static (Holder? Holder, TimeSpan Age) Read(string path)
    {
        try
        {
            var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(path);
            return (Holder.Parse(File.ReadAllText(path)), age < TimeSpan.Zero ? TimeSpan.Zero : age);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, TimeSpan.MaxValue);
        }
    }

    /// <summary>
    /// Removes a stale lock; a file that is not the one judged stale (another process took over first) is put back.
    /// An unreadable file counts as stale only once its heartbeat is old: a holder may be writing it right now.
    /// </summary>
    private static void TakeOver(string path, Holder? stale)
    {
        if (stale is null && Read(path).Age <= StaleAfter && File.Exists(path))
            throw new IOException($"lock {path} names no holder yet (being written?); try again shortly");
        var aside = $"{path}.stale-{Guid.NewGuid():N}";
        try { File.Move(path, aside); }
        catch (FileNotFoundException) { return; }
        var (moved, _) = Read(aside);
        if (stale is not null && moved?.Token != stale.Token)
        {
            try { File.Move(aside, path); }
            catch (IOException) { } // a third process locked meanwhile: the lock we took away stays its holder's to lose
            throw new IOException($"lock {path} was taken over by {moved} while checking it; try again");
        }
        File.Delete(aside);
    }

    /// <summary>The start time of a local process in clock ticks since boot (<c>/proc/PID/stat</c> field 22), or null when it is not running.</summary>
    private static long? ProcessStartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ", field 3 is fields[0]
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or IOException)
        {
            return OperatingSystem.IsLinux() ? null : 0; // without /proc: alive unknown; treat as the same live process
        }
    }
}
