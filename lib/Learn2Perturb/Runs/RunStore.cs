using System.Text.Json;

namespace Learn2Perturb.Runs;

/// <summary>
/// The run store: one directory per training config under <see cref="Root"/>, named by the config's hash,
/// so the same config always lands in the same run (resumed, its results reused) and a different one never does.
/// </summary>
public sealed class RunStore
{
    /// <exception cref="IOException"><paramref name="root"/> is a file, not a directory.</exception>
    public RunStore(string root)
    {
        Root = Path.GetFullPath(root);
        if (File.Exists(Root)) throw new IOException($"the run store {Root} is a file, not a directory: pass --runs (or set {RootVariable}) to a directory");
    }

    /// <summary>The environment variable that moves the store (default <c>runs/</c> in the working directory).</summary>
    public const string RootVariable = "L2P_RUNS";

    public static string DefaultRoot => Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } r ? r : "runs";

    public string Root { get; }

    /// <summary>
    /// The run of <paramref name="config"/>: opened when its directory exists (the stored config must match),
    /// otherwise created with a new manifest.
    /// </summary>
    /// <exception cref="RunFileException">The existing manifest is corrupt, or holds a different config.</exception>
    public Run OpenOrCreate<TConfig>(TConfig config, string experiment, string profile, long seed, string device)
    {
        var existing = Find(config);
        if (existing is not null) return existing;
        var canonical = RunJson.Canonical(config);
        var id = ConfigHash.OfCanonical(canonical);
        var directory = Path.Combine(Root, id);
        var manifest = new RunManifest(id, experiment, profile, seed, JsonDocument.Parse(canonical).RootElement.Clone(),
            RunEnvironment.GitCommit(), RunEnvironment.TorchSharpVersion, RunEnvironment.LibTorchVersion, device, DateTimeOffset.UtcNow,
            TorchSharp.torch.get_num_threads(), Numerics: RunEnvironment.Numerics);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Run.ManifestPathIn(directory), RunJson.Serialize(manifest, indented: true));
        return new Run(directory, manifest);
    }

    /// <summary>The run of <paramref name="config"/>, or null when it has never been created.</summary>
    /// <exception cref="RunFileException">The manifest is corrupt, or holds a different config.</exception>
    public Run? Find<TConfig>(TConfig config)
    {
        var canonical = RunJson.Canonical(config);
        var directory = Path.Combine(Root, ConfigHash.OfCanonical(canonical));
        if (!File.Exists(Run.ManifestPathIn(directory))) return null;
        var run = Load(directory);
        if (RunJson.Canonical(run.Manifest.Config) != canonical)
            throw new RunFileException(run.ManifestPath, $"holds a different config than the one hashing to {run.Id}");
        return run;
    }

    /// <summary>The run whose id is <paramref name="idOrPrefix"/> or starts with it (the prefix must be unique).</summary>
    public Run Get(string idOrPrefix)
    {
        var ids = Ids();
        var matches = ids.Where(i => i.StartsWith(idOrPrefix.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => Load(Path.Combine(Root, matches[0])),
            0 => throw new ArgumentException($"no run '{idOrPrefix}' in {Root}" + (ids.Count == 0 ? " (the store is empty)" : $": runs are {string.Join(", ", ids)}")),
            _ => throw new ArgumentException($"run id prefix '{idOrPrefix}' is ambiguous: {string.Join(", ", matches)}"),
        };
    }

    /// <summary>Every run directory, sorted by id; unreadable runs are listed with their error.</summary>
    public IReadOnlyList<RunSummary> List() => [.. Ids().Select(id => Summarize(Path.Combine(Root, id)))];

    private List<string> Ids() => Directory.Exists(Root)
        ? [.. Directory.GetDirectories(Root).Where(d => File.Exists(Run.ManifestPathIn(d))).Select(Path.GetFileName).OfType<string>().Order()]
        : [];

    private static Run Load(string directory)
    {
        var path = Run.ManifestPathIn(directory);
        var manifest = RunJson.ReadFile<RunManifest>(path, "manifest");
        if (manifest.Config.ValueKind != JsonValueKind.Object)
            throw new RunFileException(path, $"'config' must be a JSON object, not {manifest.Config.ValueKind}");
        if (manifest.Id != Path.GetFileName(directory))
            throw new RunFileException(path, $"names run '{manifest.Id}' but lies in directory '{Path.GetFileName(directory)}'");
        return new Run(directory, manifest);
    }

    /// <summary>The run's line in a listing; an unreadable file becomes the line's error, never hiding other runs.</summary>
    private static RunSummary Summarize(string directory)
    {
        var id = Path.GetFileName(directory);
        Run run;
        try
        {
            run = Load(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) // RunFileException among them
        {
            return new RunSummary(id, directory, null, 0, File.Exists(Path.Combine(directory, "checkpoint.bin")), [], e.Message);
        }
        try
        {
            return new RunSummary(id, directory, run.Manifest, run.ReadMetrics().Count, run.HasCheckpoint, run.ResultKeys(), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new RunSummary(id, directory, run.Manifest, 0, run.HasCheckpoint, [], e.Message);
        }
    }
}
