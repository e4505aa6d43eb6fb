using Learn2Perturb.Data;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Data;

public sealed class CifarReaderTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(CifarKind.Cifar10)]
    [InlineData(CifarKind.Cifar100)]
    public void Planes_read_back_as_red_green_blue_channels(CifarKind kind)
    {
        var record = TestFiles.CifarRecord(kind, label: 7, r: 10, g: 20, b: 30, coarse: 3);
        int labelBytes = CifarReader.RecordSize(kind) - CifarReader.ImageBytes;
        record[labelBytes + 1024 + 1 * 32 + 2] = 200; // green plane, row 1, column 2: planes are row-major
        TestFiles.WriteCifarDirectory(temp.Path, kind, new() { [Cifar.FileNames(kind, DataSplit.Test)[0]] = record });

        using var data = Cifar.Load(kind, DataSplit.Test, temp.Path);
        using var scope = NewDisposeScope();

        Assert.Equal(new long[] { 1, 3, 32, 32 }, data.Images.shape);
        Assert.Equal(10 / 255f, data.Images[0, 0, 5, 5].item<float>());
        Assert.Equal(20 / 255f, data.Images[0, 1, 5, 5].item<float>());
        Assert.Equal(30 / 255f, data.Images[0, 2, 5, 5].item<float>());
        Assert.Equal(200 / 255f, data.Images[0, 1, 1, 2].item<float>());
        Assert.Equal(20 / 255f, data.Images[0, 1, 2, 1].item<float>());
        Assert.Equal(7L, data.Labels[0].item<long>()); // CIFAR-100: the fine label, not the coarse 3
        Assert.Equal(CifarReader.NumClasses(kind), data.NumClasses);
    }

    [Fact]
    public void Cifar100_uses_the_fine_label_above_the_coarse_range()
    {
        var record = TestFiles.CifarRecord(CifarKind.Cifar100, label: 42, r: 1, g: 2, b: 3, coarse: 19);
        TestFiles.WriteCifarDirectory(temp.Path, CifarKind.Cifar100, new() { ["test.bin"] = record });

        using var data = Cifar.Load(CifarKind.Cifar100, DataSplit.Test, temp.Path);

        Assert.Equal(42L, data.Labels[0].item<long>());
        Assert.Equal(100, data.NumClasses);
    }

    [Fact]
    public void Train_split_concatenates_the_five_batches_in_order()
    {
        var files = Enumerable.Range(1, 5).ToDictionary(i => $"data_batch_{i}.bin",
            i => TestFiles.CifarRecord(CifarKind.Cifar10, (byte)(i - 1), (byte)i, 0, 0));
        TestFiles.WriteCifarDirectory(temp.Path, CifarKind.Cifar10, files);

        using var data = Cifar.Load(CifarKind.Cifar10, DataSplit.Train, temp.Path);

        Assert.Equal("cifar10/train", data.Name);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, data.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Truncated_file_reports_its_size_and_the_record_size()
    {
        var bytes = TestFiles.CifarRecord(CifarKind.Cifar10, 1, 1, 1, 1).Concat(new byte[100]).ToArray();
        TestFiles.WriteCifarDirectory(temp.Path, CifarKind.Cifar10, new() { ["test_batch.bin"] = bytes });

        var e = Assert.Throws<DataFormatException>(() => Cifar.Load(CifarKind.Cifar10, DataSplit.Test, temp.Path));

        Assert.EndsWith("test_batch.bin", e.Path);
        Assert.Contains("3173 bytes", e.Message);
        Assert.Contains("3073 bytes", e.Message);
    }

    [Fact]
    public void Label_out_of_range_is_rejected()
    {
        var bytes = TestFiles.CifarRecord(CifarKind.Cifar10, 0, 1, 1, 1).Concat(TestFiles.CifarRecord(CifarKind.Cifar10, 10, 1, 1, 1)).ToArray();
        TestFiles.WriteCifarDirectory(temp.Path, CifarKind.Cifar10, new() { ["test_batch.bin"] = bytes });

        var e = Assert.Throws<DataFormatException>(() => Cifar.Load(CifarKind.Cifar10, DataSplit.Test, temp.Path));
        Assert.Contains("record 1: label 10 is out of range 0..9", e.Message);
    }

    [Fact]
    public void Missing_dataset_says_where_it_looked_and_how_to_fetch()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Cifar.Load(CifarKind.Cifar10, DataSplit.Test, temp.Path));

        Assert.Contains(Path.Combine(temp.Path, "cifar-10-batches-bin", "test_batch.bin"), e.Message);
        Assert.Contains($"l2p data fetch cifar10 --root {temp.Path}", e.Message);
    }
}
