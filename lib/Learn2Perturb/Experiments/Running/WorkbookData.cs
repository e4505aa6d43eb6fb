using Learn2Perturb.Data;

namespace Learn2Perturb.Experiments;

/// <summary>
/// Which dataset a profile's experiments use and whether it is on this machine: smoke and quick use the embedded
/// Fashion-MNIST (no download), paper uses CIFAR-10 as the paper's tables do (docs/method.md §2, §6). Notebooks call this
/// from their shared setup, so a missing dataset is reported with the command that fetches it.
/// </summary>
public static class WorkbookData
{
    public const string FashionMnistName = "fashion-mnist";

    /// <summary>The dataset name (<c>fashion-mnist</c> or <c>cifar10</c>) for <paramref name="profile"/>.</summary>
    public static string DatasetFor(Profile profile) => profile switch
    {
        Profile.Smoke or Profile.Quick or Profile.Medium => FashionMnistName,
        Profile.Paper => Cifar.DatasetName(CifarKind.Cifar10),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "expected smoke, quick, medium or paper"),
    };

    /// <summary>Null when <paramref name="dataset"/> is present; otherwise what is missing and the command that fetches it.</summary>
    /// <exception cref="ArgumentException">Unknown dataset name.</exception>
    public static string? Missing(string dataset, string? root = null)
    {
        if (dataset == FashionMnistName) return null; // embedded in the repository and copied next to the library
        if (!Cifar.TryParse(dataset, out var kind))
            throw new ArgumentException($"unknown dataset '{dataset}': expected {FashionMnistName}, cifar10 or cifar100", nameof(dataset));
        var dir = Path.Combine(Path.GetFullPath(root ?? DataLocations.DefaultRoot), Cifar.DirectoryName(kind));
        var absent = Cifar.FileNames(kind, DataSplit.Train).Concat(Cifar.FileNames(kind, DataSplit.Test))
            .Where(f => !File.Exists(Path.Combine(dir, f))).ToList();
        return absent.Count == 0 ? null
            : $"{dataset} is not in {dir} (looked in {DataLocations.DescribeDefaultRoot()}; missing {string.Join(", ", absent)}). " +
              $"Fetch it with `l2p data fetch {dataset}` (from the repository: dotnet run --project lib/Learn2Perturb.Cli -c Release -- data fetch {dataset}).";
    }

    /// <summary>Throws when <paramref name="dataset"/> is missing, naming the fetch command.</summary>
    /// <exception cref="FileNotFoundException">The dataset is not on this machine.</exception>
    public static void Require(string dataset, string? root = null)
    {
        if (Missing(dataset, root) is { } message) throw new FileNotFoundException(message);
    }
}
