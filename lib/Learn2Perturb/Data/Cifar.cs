namespace Learn2Perturb.Data;

/// <summary>
/// CIFAR-10 and CIFAR-100 (Krizhevsky 2009), the datasets of the Learn2Perturb paper's tables, read from the official
/// binary archives as extracted under a data root: <c>cifar-10-batches-bin/</c> and <c>cifar-100-binary/</c>.
/// Fetch them with <c>l2p data fetch cifar10</c> (see <see cref="CifarDownload"/>).
/// </summary>
public static class Cifar
{
    /// <summary>
    /// Loads a split as <c>[N,3,32,32]</c> float32 in [0,1] with int64 labels (fine labels for CIFAR-100), on the CPU.
    /// </summary>
    /// <param name="kind">CIFAR-10 or CIFAR-100.</param>
    /// <param name="split">Train (50,000 images) or test (10,000).</param>
    /// <param name="root">The data root; null uses <see cref="DataLocations.DefaultRoot"/> (<c>L2P_DATA</c> or the user cache).</param>
    /// <exception cref="FileNotFoundException">The dataset is not there; the message says where it looked and how to fetch it.</exception>
    /// <exception cref="DataFormatException">A file is truncated or holds an out-of-range label.</exception>
    public static TensorDataset Load(CifarKind kind, DataSplit split, string? root = null)
    {
        var resolvedRoot = Path.GetFullPath(root ?? DataLocations.DefaultRoot);
        var paths = FileNames(kind, split).Select(f => Path.Combine(resolvedRoot, DirectoryName(kind), f)).ToList();
        var missing = paths.FirstOrDefault(p => !File.Exists(p));
        if (missing is not null) throw NotFound(kind, missing, resolvedRoot, root is null);
        var (images, labels) = CifarReader.Read(kind, paths);
        return TensorDataset.FromBytes($"{DatasetName(kind)}/{split.ToString().ToLowerInvariant()}", images, labels,
            CifarReader.NumClasses(kind));
    }

    /// <summary>The short name used by the CLI and run configs: <c>cifar10</c> or <c>cifar100</c>.</summary>
    public static string DatasetName(CifarKind kind) => kind == CifarKind.Cifar10 ? "cifar10" : "cifar100";

    /// <summary>Parses <c>cifar10</c> / <c>cifar100</c> (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string name, out CifarKind kind)
    {
        foreach (var candidate in Enum.GetValues<CifarKind>())
        {
            if (!string.Equals(name, DatasetName(candidate), StringComparison.OrdinalIgnoreCase)) continue;
            kind = candidate;
            return true;
        }
        kind = default;
        return false;
    }

    /// <summary>The folder the official archive extracts to under the data root.</summary>
    public static string DirectoryName(CifarKind kind) => kind == CifarKind.Cifar10 ? "cifar-10-batches-bin" : "cifar-100-binary";

    /// <summary>The batch files of a split, relative to <see cref="DirectoryName"/>.</summary>
    public static IReadOnlyList<string> FileNames(CifarKind kind, DataSplit split) => (kind, split) switch
    {
        (CifarKind.Cifar10, DataSplit.Train) => [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")],
        (CifarKind.Cifar10, DataSplit.Test) => ["test_batch.bin"],
        (CifarKind.Cifar100, DataSplit.Train) => ["train.bin"],
        (CifarKind.Cifar100, DataSplit.Test) => ["test.bin"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"{kind}/{split}"),
    };

    /// <summary>Every batch file of both splits: present together means the dataset is complete.</summary>
    internal static IReadOnlyList<string> AllFileNames(CifarKind kind) =>
        [.. FileNames(kind, DataSplit.Train), .. FileNames(kind, DataSplit.Test)];

    private static FileNotFoundException NotFound(CifarKind kind, string missing, string root, bool defaultRoot)
    {
        var where = defaultRoot ? DataLocations.DescribeDefaultRoot() : $"the root {root} given by the caller";
        var rootFlag = defaultRoot ? "" : $" --root {root}";
        return new FileNotFoundException(
            $"{CifarReader.DisplayName(kind)} not found: {missing} does not exist (data root: {where}). " +
            $"Fetch it with `l2p data fetch {DatasetName(kind)}{rootFlag}`, or set {DataLocations.RootVariable} to the folder holding {DirectoryName(kind)}/.",
            missing);
    }
}
