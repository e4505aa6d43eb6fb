using Learn2Perturb.Data;
using Learn2Perturb.Models;
using static TorchSharp.torch;

namespace Learn2Perturb.Experiments;

/// <summary>The datasets experiments name: the embedded <c>fashion-mnist</c>, and <c>cifar10</c> / <c>cifar100</c> (fetched).</summary>
public static class ExperimentData
{
    public static IReadOnlyList<string> Names { get; } = ["fashion-mnist", "cifar10", "cifar100"];

    public static InputSpec Input(string dataset) => dataset switch
    {
        "fashion-mnist" => InputSpec.FashionMnist,
        "cifar10" => InputSpec.Cifar10,
        "cifar100" => InputSpec.Cifar100,
        _ => throw Unknown(dataset),
    };

    /// <summary>The first <paramref name="count"/> images of a split (all when null), on <paramref name="device"/>.</summary>
    public static TensorDataset Load(string dataset, DataSplit split, int? count, Device device)
    {
        using var full = dataset switch
        {
            "fashion-mnist" => FashionMnist.Load(split),
            _ when Cifar.TryParse(dataset, out var kind) => Cifar.Load(kind, split),
            _ => throw Unknown(dataset),
        };
        var subset = full.Take(count ?? full.Count);
        var placed = subset.To(device);
        if (!ReferenceEquals(placed, subset)) subset.Dispose();
        return placed;
    }

    private static ArgumentException Unknown(string dataset) =>
        new($"unknown dataset '{dataset}': expected {string.Join(", ", Names)}");
}
