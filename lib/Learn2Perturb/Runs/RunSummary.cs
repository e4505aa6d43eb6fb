namespace Learn2Perturb.Runs;

/// <summary>A line of <c>l2p runs list</c>: a run directory and what it holds, or why it cannot be read.</summary>
/// <param name="EpochsLogged">Lines in metrics.jsonl.</param>
/// <param name="Error">Set when the manifest or metrics cannot be read (the run is listed, not hidden).</param>
public sealed record RunSummary(string Id, string Directory, RunManifest? Manifest, int EpochsLogged, bool HasCheckpoint,
    IReadOnlyList<string> Results, string? Error);
