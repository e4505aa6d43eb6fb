using Learn2Perturb.Data;

namespace Learn2Perturb.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    // Compression is detected from the content: a raw file named .gz and a gzip file without .gz both read.
    [Theory]
    [InlineData(true, "images.gz")]
    [InlineData(false, "images.idx")]
    [InlineData(false, "raw-but-named.gz")]
    [InlineData(true, "gzip-but-named.idx")]
    public void Images_and_labels_round_trip_exactly(bool gzip, string name)
    {
        var pixels = Enumerable.Range(0, 3 * 2 * 4).Select(i => (byte)(i * 11 % 256)).ToArray();
        TestFiles.WriteIdx(temp.File(name), IdxReader.ImagesMagic, [3, 2, 4], pixels, gzip);
        TestFiles.WriteIdx(temp.File("labels-" + name), IdxReader.LabelsMagic, [3], [7, 0, 9], gzip);

        var images = IdxReader.ReadImages(temp.File(name));
        var labels = IdxReader.ReadLabels(temp.File("labels-" + name), numClasses: 10);

        Assert.Equal((3, 1, 2, 4), (images.Count, images.Channels, images.Height, images.Width));
        Assert.Equal(pixels, images.Pixels);
        Assert.Equal(new byte[] { 7, 0, 9 }, labels);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Truncated_images_name_the_file_and_the_byte_counts(bool gzip)
    {
        var path = temp.File("short.idx");
        TestFiles.WriteIdx(path, IdxReader.ImagesMagic, [3, 4, 4], new byte[2 * 16], gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, e.Path);
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("48 bytes", e.Message);
        Assert.Contains("found 32", e.Message);
    }

    [Fact]
    public void A_gzip_stream_cut_short_is_reported_not_silently_shortened()
    {
        var path = temp.File("cut.gz");
        var pixels = Enumerable.Range(0, 64 * 28 * 28).Select(i => (byte)(i * 7919 % 251)).ToArray();
        TestFiles.WriteIdx(path, IdxReader.ImagesMagic, [64, 28, 28], pixels, gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.Path);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_label_file_read_as_images_reports_bad_magic()
    {
        var path = temp.File("labels.idx");
        TestFiles.WriteIdx(path, IdxReader.LabelsMagic, [2], [1, 2], gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("bad magic 0x00000801", e.Message);
        Assert.Contains("expected 0x00000803", e.Message);
    }

    [Fact]
    public void Trailing_bytes_beyond_the_header_are_rejected()
    {
        var path = temp.File("long.idx");
        TestFiles.WriteIdx(path, IdxReader.LabelsMagic, [2], [1, 2, 3], gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("longer than its header", e.Message);
    }

    [Fact]
    public void Corrupt_gzip_is_a_format_error_naming_the_file()
    {
        var path = temp.File("corrupt.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3, 4, 5, 6, 7, 8]);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var path = temp.File("nowhere.gz");
        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Label_out_of_range_names_value_index_and_range()
    {
        var path = temp.File("labels.idx");
        TestFiles.WriteIdx(path, IdxReader.LabelsMagic, [3], [1, 12, 3], gzip: true);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, numClasses: 10));
        Assert.Contains("label 12 at index 1 is out of range 0..9", e.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        TestFiles.WriteIdx(temp.File("i"), IdxReader.ImagesMagic, [3, 1, 1], [1, 2, 3], gzip: false);
        TestFiles.WriteIdx(temp.File("l"), IdxReader.LabelsMagic, [2], [0, 1], gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadPair(temp.File("i"), temp.File("l"), 10));
        Assert.Contains("3 images", e.Message);
        Assert.Contains("2 labels", e.Message);
    }
}
