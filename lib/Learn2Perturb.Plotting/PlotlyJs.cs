using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;

namespace Learn2Perturb.Plotting;

/// <summary>
/// plotly.js itself, so charts draw with no network. It comes from the pinned Plotly.NET package, which embeds
/// <c>plotly-&lt;version&gt;.min.js</c> as a resource; the build copies that package's assembly next to this one as
/// <see cref="FileName"/>, and the resource is read out of the file with the metadata reader, without loading the
/// assembly (loading it would load F#, which the notebook hosts cannot supply in the version it needs).
/// </summary>
public static partial class PlotlyJs
{
    /// <summary>The file, beside this assembly, that carries plotly.js.</summary>
    public const string FileName = "plotly.js.container.dll";

    private static readonly Lazy<(string Version, string Source)> Script = new(Read);

    /// <summary>The plotly.js version, e.g. <c>2.27.1</c>.</summary>
    public static string Version => Script.Value.Version;

    /// <summary>The minified plotly.js source (about 3.5 MB).</summary>
    public static string Source => Script.Value.Source;

    private static (string, string) Read()
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(PlotlyJs).Assembly.Location) ?? ".", FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"plotly.js is missing: {path} should have been copied there by the build of Learn2Perturb.Plotting", path);
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var match = ScriptName().Match(metadata.GetString(resource.Name));
            if (!match.Success || !resource.Implementation.IsNil) continue;
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var reader = pe.GetSectionData(directory.RelativeVirtualAddress).GetReader();
            reader.Offset = checked((int)resource.Offset);
            int length = reader.ReadInt32();
            return (match.Groups[1].Value, Encoding.UTF8.GetString(reader.ReadBytes(length)));
        }
        throw new InvalidDataException($"{path} carries no plotly-<version>.min.js resource: not the Plotly.NET assembly the build pins");
    }

    [GeneratedRegex(@"plotly-(\d+\.\d+\.\d+)\.min\.js$")]
    private static partial Regex ScriptName();
}
