using System.Buffers.Binary;
using System.IO.Compression;

namespace Learn2Perturb.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian magic <c>0x0000TTDD</c>
/// (type 0x08 = unsigned byte, DD = number of dimensions), one big-endian int32 per dimension, then the bytes.
/// Files may be gzip-compressed; compression is detected by the gzip magic (1f 8b), not by the file name.
/// </summary>
public static class IdxReader
{
    /// <summary>Unsigned-byte data with 3 dimensions (N, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Unsigned-byte data with 1 dimension (N).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an image file: <c>N × rows × columns</c> bytes, returned as one channel.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">Bad magic, truncated or over-long data, corrupt gzip.</exception>
    public static ByteImages ReadImages(string path)
    {
        var (dims, data) = Read(path, ImagesMagic, "IDX images (unsigned bytes, dimensions N, rows, columns)");
        return new ByteImages(dims[0], 1, dims[1], dims[2], data);
    }

    /// <summary>Reads a label file; with <paramref name="numClasses"/>, every label must lie in <c>0..numClasses-1</c>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">Bad magic, truncated data, corrupt gzip or a label out of range.</exception>
    public static byte[] ReadLabels(string path, int? numClasses = null)
    {
        var (_, labels) = Read(path, LabelsMagic, "IDX labels (unsigned bytes, dimension N)");
        if (numClasses is int k) CheckLabelRange(path, labels, k);
        return labels;
    }

    /// <summary>Reads an image file and its label file and checks that they describe the same number of samples.</summary>
    public static (ByteImages Images, byte[] Labels) ReadPair(string imagesPath, string labelsPath, int numClasses)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath, numClasses);
        if (images.Count != labels.Length)
            throw new DataFormatException(labelsPath,
                $"image/label count mismatch: {imagesPath} holds {images.Count} images but this file holds {labels.Length} labels");
        return (images, labels);
    }

    internal static void CheckLabelRange(string path, byte[] labels, int numClasses)
    {
        int bad = Array.FindIndex(labels, l => l >= numClasses);
        if (bad >= 0)
            throw new DataFormatException(path, $"label {labels[bad]} at index {bad} is out of range 0..{numClasses - 1}");
    }

    private static (int[] Dims, byte[] Data) Read(string path, int magic, string expected)
    {
        using var stream = OpenMaybeGzip(path);
        try
        {
            var dims = ReadHeader(stream, path, magic, expected);
            return (dims, ReadPayload(stream, path, dims));
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"corrupt gzip stream ({e.Message})", e);
        }
    }

    /// <summary>Opens a file, transparently decompressing it when it starts with the gzip magic 1f 8b.</summary>
    internal static Stream OpenMaybeGzip(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file not found: {path}", path);
        var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        int n = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && head[0] == 0x1f && head[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static int[] ReadHeader(Stream stream, string path, int magic, string expected)
    {
        int rank = magic & 0xff;
        var header = new byte[4 * (1 + rank)];
        int found = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (found < 4)
            throw new DataFormatException(path, $"truncated header: expected at least 4 bytes of magic, found {found}");
        int actual = BinaryPrimitives.ReadInt32BigEndian(header);
        if (actual != magic)
            throw new DataFormatException(path, $"bad magic 0x{actual:X8}: expected 0x{magic:X8} ({expected})");
        if (found < header.Length)
            throw new DataFormatException(path, $"truncated header: expected {header.Length} bytes, found {found}");
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * (i + 1)));
        if (dims.Any(d => d < 0)) throw new DataFormatException(path, $"negative dimension in header ({string.Join(" × ", dims)})");
        return dims;
    }

    private static byte[] ReadPayload(Stream stream, string path, int[] dims)
    {
        long expected = dims.Aggregate(1L, (a, d) => a * d);
        if (expected > Array.MaxLength)
            throw new DataFormatException(path, $"header promises {expected} bytes, more than one array can hold");
        var data = new byte[expected];
        int found = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (found < expected)
            throw new DataFormatException(path,
                $"truncated: the header ({string.Join(" × ", dims)}) promises {expected} bytes of data, found {found}");
        if (stream.ReadByte() >= 0)
            throw new DataFormatException(path, $"longer than its header says: more than {expected} bytes of data follow the header");
        return data;
    }
}
