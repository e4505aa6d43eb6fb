using Learn2Perturb.Core.Native;

namespace Learn2Perturb.Tests.Core;

public sealed class ElfVersionNeedsTests
{
    private static byte[] PackagedLibrary()
    {
        var path = TorchNative.FindPackagedLibrary() ?? throw new FileNotFoundException("libLibTorchSharp.so not found next to the tests");
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void PackagedLibraryRequiresTheAnchorVersionOfLibstdcxx()
    {
        var needs = ElfVersionNeeds.Read(PackagedLibrary());
        var anchor = Assert.Single(needs, n => n.Version == TorchNative.AnchorVersion);
        Assert.Equal("libstdc++.so.6", anchor.File);
        Assert.Contains(needs, n => n.Version == "GLIBC_2.2.5");
    }

    [Fact]
    public void MarkWeakSetsTheFlagOnExactlyThatEntryAndChangesNothingElse()
    {
        var original = PackagedLibrary();
        var patched = ElfVersionNeeds.MarkWeak(original, TorchNative.AnchorVersion);

        Assert.Equal(original.Length, patched.Length);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        var before = ElfVersionNeeds.Read(original);
        var after = ElfVersionNeeds.Read(patched);
        var anchor = before.Single(n => n.Version == TorchNative.AnchorVersion);
        Assert.Equal([(int)anchor.FlagsOffset], changed); // the low byte of vna_flags only
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++)
        {
            var expected = before[i] == anchor ? before[i] with { Flags = (ushort)(anchor.Flags | ElfVersionNeeds.WeakFlag) } : before[i];
            Assert.Equal(expected, after[i]);
        }
    }

    [Fact]
    public void NotAnElfFileIsRejectedWithAClearMessage()
    {
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read("hello, not a library"u8.ToArray().Concat(new byte[64]).ToArray()));
        Assert.Contains("not an ELF file", e.Message);
    }

    [Fact]
    public void TruncatedElfFileIsRejectedNotMisread()
    {
        var truncated = PackagedLibrary()[..4096];
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(truncated));
        Assert.Contains("outside the file", e.Message);
    }

    [Fact]
    public void AVersionTheLibraryDoesNotNeedCannotBeMarked()
    {
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak(PackagedLibrary(), "GLIBCXX_9.9.9"));
        Assert.Contains("GLIBCXX_9.9.9", e.Message);
    }

    [Fact]
    public void TheNativeBackendIsLoadedAndComputes()
    {
        Assert.NotNull(TorchNative.LoadedFrom);
        using var t = TorchSharp.torch.arange(4).sum();
        Assert.Equal(6, t.item<long>());
    }
}
