using System.Globalization;
using System.Text.RegularExpressions;

namespace Learn2Perturb.Models;

/// <summary>A ResNet family of docs/method.md §3.</summary>
public enum ResNetFamily
{
    /// <summary>He et al.'s CIFAR ResNet, depth 6n+2, widths 16/32/64 (× width factor), option-A shortcuts.</summary>
    V1,
    /// <summary>The post-activation CIFAR ResNet-18 (64/128/256/512, [2,2,2,2], projection shortcuts).</summary>
    V2,
}

/// <summary>
/// An architecture by name: <c>resnet-v1-{d}</c> (d = 6n+2), <c>resnet-v1-{d}-{k}x</c> (widened by k), <c>resnet-v2-18</c>.
/// </summary>
public sealed partial record ModelSpec(ResNetFamily Family, int Depth, double WidthFactor = 1)
{
    /// <summary>The architectures of the paper's tables (docs/method.md §3), with their published parameter counts (10 classes).</summary>
    public static IReadOnlyList<(ModelSpec Spec, long PaperParameters)> Paper { get; } =
    [
        (new(ResNetFamily.V1, 20), 269_722),
        (new(ResNetFamily.V1, 32), 464_154),
        (new(ResNetFamily.V1, 44), 658_586),
        (new(ResNetFamily.V1, 56), 853_018),
        (new(ResNetFamily.V1, 20, 1.5), 605_026),
        (new(ResNetFamily.V1, 20, 2), 1_073_962),
        (new(ResNetFamily.V1, 20, 4), 4_286_026),
        (new(ResNetFamily.V2, 18), 11_173_962),
    ];

    public string Name => Family == ResNetFamily.V2
        ? $"resnet-v2-{Depth}"
        : WidthFactor == 1 ? $"resnet-v1-{Depth}" : $"resnet-v1-{Depth}-{WidthFactor.ToString(CultureInfo.InvariantCulture)}x";

    /// <summary>The paper's notation, e.g. <c>V1(20)[1.5×]</c>.</summary>
    public string PaperName => Family == ResNetFamily.V2 ? $"V2({Depth})"
        : WidthFactor == 1 ? $"V1({Depth})" : $"V1({Depth})[{WidthFactor.ToString(CultureInfo.InvariantCulture)}×]";

    public override string ToString() => Name;

    /// <exception cref="ArgumentException">An unknown name; the message lists the accepted forms.</exception>
    public static ModelSpec Parse(string name)
    {
        var m = NamePattern().Match(name.Trim().ToLowerInvariant());
        if (!m.Success)
            throw new ArgumentException($"unknown model '{name}': expected resnet-v1-<d> with d = 6n+2 (e.g. resnet-v1-20), resnet-v1-<d>-<k>x (e.g. resnet-v1-20-1.5x) or resnet-v2-18");
        int depth = int.Parse(m.Groups["depth"].Value, CultureInfo.InvariantCulture);
        double width = m.Groups["width"].Success ? double.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture) : 1;
        var spec = new ModelSpec(m.Groups["family"].Value == "1" ? ResNetFamily.V1 : ResNetFamily.V2, depth, width);
        spec.Validate();
        return spec;
    }

    public void Validate()
    {
        if (Family == ResNetFamily.V1 && (Depth < 8 || (Depth - 2) % 6 != 0))
            throw new ArgumentException($"ResNet-V1 depth must be 6n+2 with n ≥ 1 (8, 14, 20, 32, 44, 56, ...), not {Depth}");
        if (Family == ResNetFamily.V2 && Depth != 18)
            throw new ArgumentException($"ResNet-V2 is defined for depth 18 only, not {Depth}");
        if (Family == ResNetFamily.V2 && WidthFactor != 1)
            throw new ArgumentException("ResNet-V2(18) has no widened variant");
        if (!(WidthFactor > 0) || (long)Math.Round(16 * WidthFactor) != 16 * WidthFactor)
            throw new ArgumentException($"width factor must be positive and make 16·k a whole number, not {WidthFactor}");
    }

    internal ResNetLayout Layout()
    {
        Validate();
        if (Family == ResNetFamily.V2)
            return new([64, 128, 256, 512], [2, 2, 2, 2], [1, 2, 2, 2], Shortcut.Projection);
        int n = (Depth - 2) / 6;
        long[] widths = [.. new[] { 16, 32, 64 }.Select(w => (long)Math.Round(w * WidthFactor))];
        return new(widths, [n, n, n], [1, 2, 2], Shortcut.SubsampleZeroPad);
    }

    [GeneratedRegex(@"^resnet-v(?<family>[12])-(?<depth>\d+)(-(?<width>\d+(\.\d+)?)x)?$")]
    private static partial Regex NamePattern();
}

/// <summary>Stage widths, blocks per stage, first-block strides and the shortcut kind of a ResNet.</summary>
internal sealed record ResNetLayout(long[] Widths, int[] BlocksPerStage, long[] Strides, Shortcut Shortcut);
