using Learn2Perturb.Data;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Data;

public sealed class FashionMnistTests
{
    [Theory]
    [InlineData(DataSplit.Train, 60_000)]
    [InlineData(DataSplit.Test, 10_000)]
    public void Embedded_split_loads_with_paper_shapes_range_and_balanced_classes(DataSplit split, int count)
    {
        using var data = FashionMnist.Load(split);
        using var scope = NewDisposeScope();

        Assert.Equal(new long[] { count, 1, 28, 28 }, data.Images.shape);
        Assert.Equal(ScalarType.Float32, data.Images.dtype);
        Assert.Equal(ScalarType.Int64, data.Labels.dtype);
        Assert.True(data.Images.min().item<float>() >= 0f);
        Assert.Equal(1f, data.Images.max().item<float>()); // 255/255 occurs: the scale is /255, not /256
        var perClass = data.Labels.bincount(null, 10).data<long>().ToArray();
        Assert.Equal(Enumerable.Repeat((long)count / 10, 10), perClass); // Fashion-MNIST is exactly balanced
        Assert.Equal(10, data.NumClasses);
    }

    [Fact]
    public void Default_location_carries_SHA256SUMS_and_every_file_verifies()
    {
        var dir = FashionMnist.LocateDirectory();

        Assert.True(File.Exists(Path.Combine(dir, Checksums.Sha256SumsFile)));
        foreach (var split in new[] { DataSplit.Train, DataSplit.Test })
        {
            var (images, labels) = FashionMnist.FileNames(split);
            Assert.True(Checksums.VerifyAgainstSums(dir, images));
            Assert.True(Checksums.VerifyAgainstSums(dir, labels));
        }
    }

    [Fact]
    public void A_tampered_file_is_rejected_with_expected_and_actual_hashes()
    {
        using var temp = new TempDir();
        var source = FashionMnist.LocateDirectory();
        foreach (var name in new[] { "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", Checksums.Sha256SumsFile })
            File.Copy(Path.Combine(source, name), temp.File(name));
        var labels = temp.File("t10k-labels-idx1-ubyte.gz");
        var bytes = File.ReadAllBytes(labels);
        bytes[^9] ^= 0xff; // inside the gzip trailer's CRC: still a file, no longer the published one
        File.WriteAllBytes(labels, bytes);

        var e = Assert.Throws<ChecksumMismatchException>(() => FashionMnist.Load(DataSplit.Test, temp.Path));

        Assert.Equal(labels, e.Path);
        Assert.Equal("8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05", e.Expected);
        Assert.Equal(Checksums.Sha256(labels), e.Actual);
        Assert.Contains(e.Expected, e.Message);
        Assert.Contains(e.Actual, e.Message);
    }

    [Fact]
    public void Explicit_missing_directory_is_reported()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Load(DataSplit.Test, "/nonexistent/l2p/fmnist"));
        Assert.Contains("/nonexistent/l2p/fmnist", e.Message);
    }
}
