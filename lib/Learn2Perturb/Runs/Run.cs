using System.Text.Json;

namespace Learn2Perturb.Runs;

/// <summary>
/// One directory of the run store: <c>manifest.json</c>, <c>metrics.jsonl</c> (one JSON line per epoch),
/// <c>checkpoint.bin</c> (the latest, written atomically) and <c>results/&lt;key&gt;.json</c> (evaluation results).
/// Corrupt or truncated files raise <see cref="RunFileException"/> naming the file and are never overwritten silently.
/// </summary>
public sealed class Run
{
    internal Run(string directory, RunManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    public string Id => Manifest.Id;

    public string Directory { get; }

    public RunManifest Manifest { get; private set; }

    public string ManifestPath => ManifestPathIn(Directory);

    public string MetricsPath => Path.Combine(Directory, "metrics.jsonl");

    public string CheckpointPath => Path.Combine(Directory, "checkpoint.bin");

    public string ResultsDirectory => Path.Combine(Directory, "results");

    internal static string ManifestPathIn(string directory) => Path.Combine(directory, "manifest.json");

    public bool HasCheckpoint => File.Exists(CheckpointPath);

    /// <summary>Rewrites <c>manifest.json</c> atomically as <paramref name="change"/> makes it; the id and config stay.</summary>
    internal void UpdateManifest(Func<RunManifest, RunManifest> change)
    {
        var changed = change(Manifest) with { Id = Manifest.Id, Config = Manifest.Config };
        AtomicFile.WriteAllText(ManifestPath, RunJson.Serialize(changed, indented: true));
        Manifest = changed;
    }

    /// <summary>
    /// Holds the run's <c>train.lock</c> until disposed, so two processes (a scheduler's duplicate job, on any node that
    /// shares the store) never train the same run at once and interleave its metrics and checkpoints.
    /// </summary>
    /// <exception cref="IOException">Another live process holds the lock (see <see cref="RunLock"/>).</exception>
    public IDisposable LockForTraining() => RunLock.Acquire(Path.Combine(Directory, "train.lock"), $"run {Id}");

    /// <summary>The latest checkpoint's sections, or null when there is none yet.</summary>
    public IReadOnlyDictionary<string, byte[]>? ReadCheckpoint() => HasCheckpoint ? CheckpointFile.Read(CheckpointPath) : null;

    /// <summary>Replaces the checkpoint atomically: a crash leaves the previous one intact.</summary>
    public void WriteCheckpoint(IReadOnlyDictionary<string, byte[]> sections) => CheckpointFile.Write(CheckpointPath, sections);

    public void AppendMetrics<T>(T record) => File.AppendAllText(MetricsPath, RunJson.Serialize(record) + "\n");

    /// <summary>Every logged epoch, in order; a line that is not a JSON object with an integer <c>epoch</c> is an error naming the file and line.</summary>
    public IReadOnlyList<JsonElement> ReadMetrics() => MetricsLines(tolerateUnfinishedLast: false);

    /// <summary>
    /// Keeps the lines of epochs before <paramref name="nextEpoch"/>: the metrics then match a checkpoint a resumed
    /// run continues from. An unfinished last line (the trace of a kill mid-write) is dropped; other bad lines throw.
    /// </summary>
    public void TrimMetrics(int nextEpoch)
    {
        if (!File.Exists(MetricsPath)) return;
        var kept = MetricsLines(tolerateUnfinishedLast: true).Where(e => e.GetProperty("epoch").GetInt32() < nextEpoch).Select(e => e.GetRawText() + "\n");
        AtomicFile.WriteAllText(MetricsPath, string.Concat(kept));
    }

    public string ResultPath(string key) => Path.Combine(ResultsDirectory, SafeKey(key) + ".json");

    /// <summary>The stored result under <paramref name="key"/>, or false when there is none.</summary>
    /// <exception cref="RunFileException">The result file exists but cannot be read.</exception>
    public bool TryReadResult<T>(string key, out T result)
    {
        var path = ResultPath(key);
        // One existence check: another task may store the result between two checks (results are replaced, never deleted).
        if (!File.Exists(path))
        {
            result = default!;
            return false;
        }
        result = RunJson.ReadFile<T>(path, "result");
        return true;
    }

    public void WriteResult<T>(string key, T result) => AtomicFile.WriteAllText(ResultPath(key), RunJson.Serialize(result, indented: true));

    public IReadOnlyList<string> ResultKeys() => System.IO.Directory.Exists(ResultsDirectory)
        ? [.. System.IO.Directory.GetFiles(ResultsDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order()]
        : [];

    private List<JsonElement> MetricsLines(bool tolerateUnfinishedLast)
    {
        if (!File.Exists(MetricsPath)) return [];
        var text = File.ReadAllText(MetricsPath);
        var lines = text.Split('\n');
        var parsed = new List<JsonElement>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            bool unfinished = i == lines.Length - 1; // no newline after it: the append did not complete
            JsonElement line;
            try { line = JsonDocument.Parse(lines[i]).RootElement.Clone(); }
            catch (JsonException e) when (!(unfinished && tolerateUnfinishedLast))
            {
                throw new RunFileException(MetricsPath, $"line {i + 1} is not JSON ({e.Message})", e);
            }
            catch (JsonException) { continue; }
            if (line.ValueKind != JsonValueKind.Object || !line.TryGetProperty("epoch", out var epoch) ||
                epoch.ValueKind != JsonValueKind.Number || !epoch.TryGetInt32(out _))
                throw new RunFileException(MetricsPath, $"line {i + 1} is not an epoch record (a JSON object with an integer 'epoch'): {Shorten(lines[i])}");
            parsed.Add(line);
        }
        return parsed;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static string SafeKey(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !key.StartsWith('.')
            ? key : throw new ArgumentException($"result key '{key}' must be letters, digits, '-', '_' or '.'", nameof(key));
}
