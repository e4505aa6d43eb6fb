namespace Learn2Perturb.Data;

/// <summary>What <see cref="CifarDownload.FetchAsync(CifarKind, string?, string?, IProgress{ValueTuple{long, long?}}?, CancellationToken)"/> left on disk.</summary>
/// <param name="Dataset"><c>cifar10</c> or <c>cifar100</c>.</param>
/// <param name="Root">The data root (pass it to <see cref="Cifar.Load"/>).</param>
/// <param name="Directory">The extracted dataset folder under the root.</param>
/// <param name="Files">Full paths of every batch file (train and test).</param>
/// <param name="Sha256">SHA-256 of the verified archive.</param>
/// <param name="Source">How the data got there: <c>downloaded</c>, <c>local file</c>, <c>cached archive</c> or <c>already present</c>.</param>
public sealed record FetchResult(string Dataset, string Root, string Directory, IReadOnlyList<string> Files, string Sha256, string Source);
