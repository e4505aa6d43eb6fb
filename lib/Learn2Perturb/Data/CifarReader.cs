namespace Learn2Perturb.Data;

/// <summary>
/// Reads the official CIFAR binary format (Krizhevsky 2009). CIFAR-10 records are 1 label byte + 3072 pixel bytes;
/// CIFAR-100 records are 1 coarse label byte + 1 fine label byte + 3072 pixel bytes (the fine label is used).
/// The pixels are the red, green and blue 32×32 planes in turn, each row-major: already CHW.
/// </summary>
public static class CifarReader
{
    public const int Side = 32;
    public const int Channels = 3;
    public const int ImageBytes = Channels * Side * Side;

    /// <summary>Bytes per record: 3073 for CIFAR-10, 3074 for CIFAR-100.</summary>
    public static int RecordSize(CifarKind kind) => ImageBytes + LabelBytes(kind);

    /// <summary>10 or 100 (fine labels).</summary>
    public static int NumClasses(CifarKind kind) => kind == CifarKind.Cifar10 ? 10 : 100;

    /// <summary>Human name for messages: "CIFAR-10" or "CIFAR-100".</summary>
    public static string DisplayName(CifarKind kind) => kind == CifarKind.Cifar10 ? "CIFAR-10" : "CIFAR-100";

    /// <summary>Reads one or more batch files, in order, into one block of images <c>[N,3,32,32]</c> and labels.</summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="DataFormatException">A file's size is not a whole number of records, or a label is out of range.</exception>
    public static (ByteImages Images, byte[] Labels) Read(CifarKind kind, params IReadOnlyList<string> paths)
    {
        var counts = paths.Select(p => RecordCount(kind, p)).ToArray();
        long total = counts.Sum(c => (long)c);
        if (total * ImageBytes > Array.MaxLength)
            throw new ArgumentException($"{total} records do not fit in one array", nameof(paths));
        var pixels = new byte[total * ImageBytes];
        var labels = new byte[total];
        int offset = 0;
        for (int i = 0; i < paths.Count; i++)
        {
            ReadRecords(kind, paths[i], counts[i], pixels.AsSpan(offset * ImageBytes), labels.AsSpan(offset));
            offset += counts[i];
        }
        return (new ByteImages((int)total, Channels, Side, Side, pixels), labels);
    }

    private static int LabelBytes(CifarKind kind) => kind == CifarKind.Cifar10 ? 1 : 2;

    private static int RecordCount(CifarKind kind, string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{DisplayName(kind)} file not found: {path}", path);
        long length = new FileInfo(path).Length;
        int record = RecordSize(kind);
        if (length == 0 || length % record != 0)
            throw new DataFormatException(path,
                $"file size {length} bytes is not a whole number of {DisplayName(kind)} records of {record} bytes " +
                $"({LabelBytes(kind)} label byte(s) + {ImageBytes} pixel bytes): {length / record} records and {length % record} bytes left over; " +
                "the file is truncated or not in the binary format");
        return (int)(length / record);
    }

    private static void ReadRecords(CifarKind kind, string path, int count, Span<byte> pixels, Span<byte> labels)
    {
        int record = RecordSize(kind), labelAt = LabelBytes(kind) - 1, classes = NumClasses(kind);
        const int chunkRecords = 1000; // read in chunks: one syscall per ~3 MB, not per image
        var buffer = new byte[chunkRecords * record];
        using var stream = File.OpenRead(path);
        for (int first = 0; first < count; first += chunkRecords)
        {
            int n = Math.Min(chunkRecords, count - first);
            stream.ReadExactly(buffer, 0, n * record);
            for (int i = 0; i < n; i++)
            {
                var rec = buffer.AsSpan(i * record, record);
                byte label = rec[labelAt];
                if (label >= classes)
                    throw new DataFormatException(path, $"record {first + i}: label {label} is out of range 0..{classes - 1}");
                labels[first + i] = label;
                rec[LabelBytes(kind)..].CopyTo(pixels.Slice((first + i) * ImageBytes, ImageBytes));
            }
        }
    }
}
