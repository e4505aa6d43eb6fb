namespace Learn2Perturb.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017), embedded in the repository under <c>data/fashion-mnist</c> and
/// copied next to the library, so the smoke and quick profiles need no network. 60,000 training and 10,000 test
/// images, 28×28 grey, 10 balanced classes.
/// </summary>
public static class FashionMnist
{
    public const int NumClasses = 10;

    /// <summary>The folder name under a data root and under the library's output directory.</summary>
    public const string DirectoryName = "fashion-mnist";

    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Loads a split as <c>[N,1,28,28]</c> float32 in [0,1] with int64 labels, on the CPU. Each file is checked
    /// against the folder's SHA256SUMS when that list is present.
    /// </summary>
    /// <param name="split">Train (60,000 images) or test (10,000).</param>
    /// <param name="directory">The folder holding the four IDX files; null searches as <see cref="LocateDirectory"/> does.</param>
    /// <exception cref="ChecksumMismatchException">A file differs from its SHA256SUMS entry.</exception>
    /// <exception cref="DataFormatException">A file is not valid IDX, or images and labels disagree.</exception>
    public static TensorDataset Load(DataSplit split, string? directory = null)
    {
        var dir = LocateDirectory(directory);
        var (imagesFile, labelsFile) = FileNames(split);
        Checksums.VerifyAgainstSums(dir, imagesFile);
        Checksums.VerifyAgainstSums(dir, labelsFile);
        var (images, labels) = IdxReader.ReadPair(Path.Combine(dir, imagesFile), Path.Combine(dir, labelsFile), NumClasses);
        return TensorDataset.FromBytes($"{DirectoryName}/{split.ToString().ToLowerInvariant()}", images, labels, NumClasses);
    }

    /// <summary>
    /// The folder holding the IDX files: <paramref name="directory"/> when given; else <c>$L2P_DATA/fashion-mnist</c>;
    /// else <c>data/fashion-mnist</c> next to the Learn2Perturb assembly; else the first <c>data/fashion-mnist</c>
    /// found walking up from <see cref="AppContext.BaseDirectory"/> (a source checkout).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No candidate exists; the message lists every place tried.</exception>
    public static string LocateDirectory(string? directory = null)
    {
        if (directory is not null)
            return Directory.Exists(directory) ? Path.GetFullPath(directory)
                : throw new DirectoryNotFoundException($"Fashion-MNIST directory not found: {Path.GetFullPath(directory)}");
        var candidates = Candidates().ToList();
        return candidates.FirstOrDefault(HasFiles)
            ?? throw new DirectoryNotFoundException(
                "Fashion-MNIST not found; looked in: " + string.Join(", ", candidates) +
                $". Pass a directory or set {DataLocations.RootVariable} to a folder containing {DirectoryName}/.");
    }

    internal static (string Images, string Labels) FileNames(DataSplit split) => split switch
    {
        DataSplit.Train => ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
        DataSplit.Test => ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };

    private static IEnumerable<string> Candidates()
    {
        if (DataLocations.EnvironmentRoot is string root) yield return Path.Combine(root, DirectoryName);
        var assemblyDir = Path.GetDirectoryName(typeof(FashionMnist).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDir)) yield return Path.Combine(assemblyDir, "data", DirectoryName);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            yield return Path.Combine(dir.FullName, "data", DirectoryName);
    }

    // A folder counts when it holds the training images: an L2P_DATA root used only for CIFAR falls through.
    private static bool HasFiles(string dir) => File.Exists(Path.Combine(dir, FileNames(DataSplit.Train).Images));
}
