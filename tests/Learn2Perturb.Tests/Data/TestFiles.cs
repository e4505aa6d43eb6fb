using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using Learn2Perturb.Data;

namespace Learn2Perturb.Tests.Data;

/// <summary>A fresh temporary folder per test, removed afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "l2p-data-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Writes small files in the real formats (IDX, CIFAR binary, .tar.gz).</summary>
internal static class TestFiles
{
    public static void WriteIdx(string path, int magic, int[] dims, byte[] data, bool gzip)
    {
        var bytes = new byte[4 * (1 + dims.Length) + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * (i + 1)), dims[i]);
        data.CopyTo(bytes, 4 * (1 + dims.Length));
        File.WriteAllBytes(path, gzip ? Gzip(bytes) : bytes);
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest)) gz.Write(bytes);
        return buffer.ToArray();
    }

    /// <summary>One CIFAR record: label byte(s), then the red, green and blue planes filled with r, g and b.</summary>
    public static byte[] CifarRecord(CifarKind kind, byte label, byte r, byte g, byte b, byte coarse = 0)
    {
        var labels = kind == CifarKind.Cifar10 ? new[] { label } : new[] { coarse, label };
        var planes = new byte[CifarReader.ImageBytes];
        planes.AsSpan(0, 1024).Fill(r);
        planes.AsSpan(1024, 1024).Fill(g);
        planes.AsSpan(2048, 1024).Fill(b);
        return [.. labels, .. planes];
    }

    /// <summary>Every batch file of <paramref name="kind"/>, each holding <paramref name="records"/> records.</summary>
    public static Dictionary<string, byte[]> CifarFiles(CifarKind kind, int records)
    {
        var files = new Dictionary<string, byte[]>();
        int k = 0;
        foreach (var name in CifarFileNames(kind))
            files[name] = [.. Enumerable.Range(0, records).SelectMany(_ => CifarRecord(kind, (byte)(k++ % 10), 10, 20, 30))];
        return files;
    }

    public static IEnumerable<string> CifarFileNames(CifarKind kind) =>
        Cifar.FileNames(kind, DataSplit.Train).Concat(Cifar.FileNames(kind, DataSplit.Test));

    public static void WriteCifarDirectory(string root, CifarKind kind, Dictionary<string, byte[]> files)
    {
        var dir = Path.Combine(root, Cifar.DirectoryName(kind));
        Directory.CreateDirectory(dir);
        foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(dir, name), bytes);
    }

    /// <summary>A .tar.gz in the official layout: one top folder holding the batch files (plus a readme, as the real one has).</summary>
    public static byte[] CifarTarGz(CifarKind kind, Dictionary<string, byte[]> files)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gz, TarEntryFormat.Pax))
        {
            var top = Cifar.DirectoryName(kind);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, top + "/"));
            foreach (var (name, bytes) in files.Append(new("readme.html", "<p>tiny</p>"u8.ToArray())))
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{top}/{name}") { DataStream = new MemoryStream(bytes) });
        }
        return buffer.ToArray();
    }

    /// <summary>A manifest entry describing <paramref name="tarball"/> exactly, served from <paramref name="url"/>.</summary>
    public static CifarArchive ArchiveFor(CifarKind kind, byte[] tarball, string url = "http://127.0.0.1:9/tiny.tar.gz") =>
        new(kind, url, $"tiny-{Cifar.DatasetName(kind)}.tar.gz", tarball.Length,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(tarball)),
            Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(tarball)), Cifar.DirectoryName(kind));
}
