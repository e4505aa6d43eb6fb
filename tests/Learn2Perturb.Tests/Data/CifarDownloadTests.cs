using System.Net;
using System.Net.Sockets;
using Learn2Perturb.Data;

namespace Learn2Perturb.Tests.Data;

public sealed class CifarDownloadTests : IDisposable
{
    private readonly TempDir temp = new();
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        http.Dispose();
        temp.Dispose();
    }

    private string Root => temp.File("root");

    [Theory]
    [InlineData(CifarKind.Cifar10)]
    [InlineData(CifarKind.Cifar100)]
    public async Task Local_tarball_extracts_into_a_loadable_dataset(CifarKind kind)
    {
        var tarball = TestFiles.CifarTarGz(kind, TestFiles.CifarFiles(kind, records: 2));
        File.WriteAllBytes(temp.File("local.tar.gz"), tarball);

        var result = await CifarDownload.FetchAsync(TestFiles.ArchiveFor(kind, tarball), Root, temp.File("local.tar.gz"), null, http);

        Assert.Equal("local file", result.Source);
        Assert.All(result.Files, f => Assert.True(File.Exists(f)));
        using (var train = Cifar.Load(kind, DataSplit.Train, Root))
            Assert.Equal(kind == CifarKind.Cifar10 ? 10 : 2, train.Count);
        using (var test = Cifar.Load(kind, DataSplit.Test, Root))
            Assert.Equal(20 / 255f, test.Images[1, 1, 0, 0].item<float>());
        Assert.Empty(Directory.EnumerateDirectories(Root, ".extract-*"));
        Assert.True(File.Exists(temp.File("local.tar.gz"))); // the user's file is left alone
        var again = await CifarDownload.FetchAsync(TestFiles.ArchiveFor(kind, tarball), Root, null, null, http);
        Assert.Equal("already present", again.Source);
    }

    [Fact]
    public async Task Resume_reuses_the_part_file_and_ends_byte_identical()
    {
        var tarball = TestFiles.CifarTarGz(CifarKind.Cifar10, TestFiles.CifarFiles(CifarKind.Cifar10, records: 3));
        await using var server = new LocalRangeServer(tarball);
        var archive = TestFiles.ArchiveFor(CifarKind.Cifar10, tarball, server.Url);
        Directory.CreateDirectory(Root);
        int kept = tarball.Length * 2 / 5;
        File.WriteAllBytes(Path.Combine(Root, archive.FileName + ".part"), tarball[..kept]);
        var reports = new List<(long done, long? total)>();

        var result = await CifarDownload.FetchAsync(archive, Root, null, new InlineProgress(reports.Add), http);

        Assert.Equal("downloaded", result.Source);
        Assert.Equal(new long?[] { kept }, server.RangeStarts);
        Assert.Equal(tarball.Length - kept, server.BytesSent);
        Assert.Equal(tarball, File.ReadAllBytes(Path.Combine(Root, archive.FileName)));
        Assert.False(File.Exists(Path.Combine(Root, archive.FileName + ".part")));
        Assert.Equal((kept, (long?)tarball.Length), reports[0]);
        Assert.Equal((tarball.Length, (long?)tarball.Length), reports[^1]);
        using var test = Cifar.Load(CifarKind.Cifar10, DataSplit.Test, Root);
        Assert.Equal(3, test.Count);
    }

    [Fact]
    public async Task A_server_that_ignores_Range_gets_a_fresh_download()
    {
        var tarball = TestFiles.CifarTarGz(CifarKind.Cifar10, TestFiles.CifarFiles(CifarKind.Cifar10, records: 1));
        await using var server = new LocalRangeServer(tarball, honourRange: false);
        var archive = TestFiles.ArchiveFor(CifarKind.Cifar10, tarball, server.Url);
        Directory.CreateDirectory(Root);
        File.WriteAllBytes(Path.Combine(Root, archive.FileName + ".part"), tarball[..100]);

        await CifarDownload.FetchAsync(archive, Root, null, null, http);

        Assert.Equal(tarball.Length, server.BytesSent);
        Assert.Equal(tarball, File.ReadAllBytes(Path.Combine(Root, archive.FileName)));
    }

    [Fact]
    public async Task Downloaded_archive_with_a_wrong_hash_is_kept_as_bad_and_nothing_is_extracted()
    {
        var tarball = TestFiles.CifarTarGz(CifarKind.Cifar10, TestFiles.CifarFiles(CifarKind.Cifar10, records: 1));
        await using var server = new LocalRangeServer(tarball);
        var archive = TestFiles.ArchiveFor(CifarKind.Cifar10, tarball, server.Url) with { Sha256 = new string('0', 64) };

        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() => CifarDownload.FetchAsync(archive, Root, null, null, http));

        var bad = Path.Combine(Root, archive.FileName + ".bad");
        Assert.Equal(bad, e.Path);
        Assert.Equal("SHA-256", e.Algorithm);
        Assert.Contains(new string('0', 64), e.Message);
        Assert.Equal(tarball, File.ReadAllBytes(bad));
        Assert.False(Directory.Exists(Path.Combine(Root, archive.Directory)));
    }

    [Fact]
    public async Task Local_file_with_a_wrong_size_is_rejected_and_left_untouched()
    {
        var tarball = TestFiles.CifarTarGz(CifarKind.Cifar100, TestFiles.CifarFiles(CifarKind.Cifar100, records: 1));
        var archive = TestFiles.ArchiveFor(CifarKind.Cifar100, tarball);
        File.WriteAllBytes(temp.File("other.tar.gz"), tarball[..^1]);

        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(
            () => CifarDownload.FetchAsync(archive, Root, temp.File("other.tar.gz"), null, http));

        Assert.Equal("size", e.Algorithm);
        Assert.Equal(tarball.Length - 1, new FileInfo(temp.File("other.tar.gz")).Length);
        Assert.False(Directory.Exists(Path.Combine(Root, archive.Directory)));
    }

    [Fact]
    public async Task Archive_lacking_a_batch_file_leaves_no_dataset_behind()
    {
        var files = TestFiles.CifarFiles(CifarKind.Cifar10, records: 1);
        files.Remove("data_batch_5.bin");
        var tarball = TestFiles.CifarTarGz(CifarKind.Cifar10, files);
        File.WriteAllBytes(temp.File("partial.tar.gz"), tarball);
        Directory.CreateDirectory(Path.Combine(Root, ".extract-cifar-10-batches-bin-killed")); // as a killed run leaves it

        var e = await Assert.ThrowsAsync<DataFormatException>(() => CifarDownload.FetchAsync(
            TestFiles.ArchiveFor(CifarKind.Cifar10, tarball), Root, temp.File("partial.tar.gz"), null, http));

        Assert.Contains("cifar-10-batches-bin/data_batch_5.bin", e.Message);
        Assert.False(Directory.Exists(Path.Combine(Root, "cifar-10-batches-bin")));
        Assert.Empty(Directory.EnumerateDirectories(Root, ".extract-*"));
    }

    [Fact]
    public async Task Unreachable_host_gives_the_offline_instructions()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        int port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var archive = TestFiles.ArchiveFor(CifarKind.Cifar10, [1, 2, 3], $"http://127.0.0.1:{port}/cifar-10-binary.tar.gz");

        var e = await Assert.ThrowsAsync<DataDownloadException>(() => CifarDownload.FetchAsync(archive, Root, null, null, http));

        Assert.Contains("Could not reach 127.0.0.1", e.Message);
        Assert.Contains($"l2p data fetch cifar10 --from <file> --root {Root}", e.Message);
        Assert.Contains(Path.Combine(Root, archive.FileName), e.Message);
        Assert.Equal(archive.Url, e.Url);
    }

    private sealed class InlineProgress(Action<(long done, long? total)> report) : IProgress<(long done, long? total)>
    {
        public void Report((long done, long? total) value) => report(value);
    }
}
