using System.Security.Cryptography;
using System.Text;

namespace Learn2Perturb.Runs;

/// <summary>
/// <c>checkpoint.bin</c>: named binary sections (the model's state dict, the trainer's state) behind a header and
/// followed by their SHA-256, so a truncated or altered file is detected before any of it is used.
/// Written atomically (<see cref="AtomicFile"/>).
/// </summary>
internal static class CheckpointFile
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("L2PCKPT1");
    private const int DigestLength = 32;

    public static void Write(string path, IReadOnlyDictionary<string, byte[]> sections)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(sections.Count);
            foreach (var (name, bytes) in sections)
            {
                writer.Write(name);
                writer.Write(bytes.LongLength);
                writer.Write(bytes);
            }
        }
        var payload = body.ToArray();
        var digest = SHA256.HashData(payload);
        AtomicFile.Write(path, s => { s.Write(payload); s.Write(digest); });
    }

    /// <exception cref="RunFileException">The file is truncated, altered or not a checkpoint.</exception>
    public static IReadOnlyDictionary<string, byte[]> Read(string path)
    {
        var all = File.ReadAllBytes(path);
        if (all.Length < Magic.Length + DigestLength || !all.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new RunFileException(path, "not a checkpoint (missing L2PCKPT1 header) or truncated");
        var payload = all.AsSpan(0, all.Length - DigestLength);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(all.AsSpan(all.Length - DigestLength)))
            throw new RunFileException(path, "checkpoint is truncated or corrupt (SHA-256 mismatch)");
        try
        {
            return Parse(payload.ToArray());
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException)
        {
            throw new RunFileException(path, $"checkpoint sections are malformed ({e.Message})", e);
        }
    }

    private static Dictionary<string, byte[]> Parse(byte[] payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        reader.ReadBytes(Magic.Length);
        int count = reader.ReadInt32();
        var sections = new Dictionary<string, byte[]>();
        for (int i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            long length = reader.ReadInt64();
            if (length < 0 || length > payload.Length) throw new EndOfStreamException($"section '{name}' claims {length} bytes");
            sections[name] = reader.ReadBytes((int)length);
        }
        return sections;
    }
}
