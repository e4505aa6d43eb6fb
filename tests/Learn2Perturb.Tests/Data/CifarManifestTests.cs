using Learn2Perturb.Data;

namespace Learn2Perturb.Tests.Data;

public sealed class CifarManifestTests
{
    [Theory]
    [InlineData(CifarKind.Cifar10, "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530", "cifar-10-batches-bin")]
    [InlineData(CifarKind.Cifar100, "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8", "cifar-100-binary")]
    public void Embedded_manifest_lists_the_official_archives(CifarKind kind, string url, string md5, string directory)
    {
        var archive = CifarManifest.Get(kind);

        Assert.Equal(url, archive.Url);
        Assert.Equal(md5, archive.Md5);
        Assert.Equal(directory, archive.Directory);
        Assert.Equal(Cifar.DirectoryName(kind), archive.Directory);
        Assert.EndsWith("/" + archive.FileName, archive.Url);
        Assert.Matches("^[0-9a-f]{64}$", archive.Sha256);
        Assert.InRange(archive.Bytes, 160_000_000, 180_000_000);
    }

    [Fact]
    public void Malformed_entries_are_rejected()
    {
        const string json = """{"datasets":[{"name":"cifar10","url":"u","file":"f","bytes":1,"sha256":"abc","md5":"def","directory":"d"}]}""";
        Assert.Throws<FormatException>(() => CifarManifest.Parse(json));
    }
}
