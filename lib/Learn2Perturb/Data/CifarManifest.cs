using System.Text.Json;

namespace Learn2Perturb.Data;

/// <summary>
/// The official CIFAR archives, read from <c>data/cifar/manifest.json</c>, which is embedded in this assembly as the
/// resource <see cref="ResourceName"/> (so it travels with the library to notebooks and installs without a data folder).
/// </summary>
public static class CifarManifest
{
    public const string ResourceName = "Learn2Perturb.Data.cifar-manifest.json";

    private static readonly Lazy<IReadOnlyList<CifarArchive>> archives = new(() => Parse(ReadResource()));

    /// <summary>Every archive in the manifest.</summary>
    public static IReadOnlyList<CifarArchive> All => archives.Value;

    /// <summary>The official archive of <paramref name="kind"/>.</summary>
    public static CifarArchive Get(CifarKind kind) => All.Single(a => a.Kind == kind);

    /// <summary>Parses and validates a manifest (hash lengths, positive sizes, known dataset names).</summary>
    internal static IReadOnlyList<CifarArchive> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("datasets").EnumerateArray().Select(ParseEntry)];
    }

    private static CifarArchive ParseEntry(JsonElement e)
    {
        string Text(string name) => e.GetProperty(name).GetString() ?? throw new FormatException($"manifest: '{name}' is null");
        var name = Text("name");
        if (!Cifar.TryParse(name, out var kind)) throw new FormatException($"manifest: unknown dataset '{name}'");
        var archive = new CifarArchive(kind, Text("url"), Text("file"), e.GetProperty("bytes").GetInt64(),
            Text("sha256").ToLowerInvariant(), Text("md5").ToLowerInvariant(), Text("directory"));
        if (archive.Sha256.Length != 64 || archive.Md5?.Length != 32 || archive.Bytes <= 0)
            throw new FormatException($"manifest: entry '{name}' needs a 64-hex sha256, a 32-hex md5 and a positive size");
        return archive;
    }

    private static string ReadResource()
    {
        using var stream = typeof(CifarManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from {typeof(CifarManifest).Assembly.FullName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
