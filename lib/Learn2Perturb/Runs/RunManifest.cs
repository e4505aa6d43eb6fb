using System.Text.Json;

namespace Learn2Perturb.Runs;

/// <summary>
/// <c>manifest.json</c> of a run: the config whose hash is the run's id, and how and where it was made (STYLE.md §1.6:
/// configs are saved next to the results with the git commit).
/// </summary>
/// <param name="Id">The config hash (<see cref="ConfigHash"/>), also the directory name.</param>
/// <param name="Experiment">The experiment name that created the run; other experiments with the same training config share it.</param>
/// <param name="Config">The training config as canonical JSON.</param>
/// <param name="GitCommit">The workbook's commit, or null outside a git checkout.</param>
public sealed record RunManifest(
    string Id,
    string Experiment,
    string Profile,
    long Seed,
    JsonElement Config,
    string? GitCommit,
    string TorchSharpVersion,
    string LibTorchVersion,
    string Device,
    DateTimeOffset Created);
