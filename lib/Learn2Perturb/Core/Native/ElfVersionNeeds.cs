using System.Buffers.Binary;
using System.Text;

namespace Learn2Perturb.Core.Native;

/// <summary>One version a shared library requires of one of its dependencies (an ELF <c>Vernaux</c> entry).</summary>
/// <param name="File">The dependency, e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Version">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Flags">The entry's <c>vna_flags</c>; <see cref="ElfVersionNeeds.WeakFlag"/> marks it optional.</param>
/// <param name="FlagsOffset">File offset of the two-byte <c>vna_flags</c> field.</param>
internal sealed record VersionNeed(string File, string Version, ushort Flags, long FlagsOffset);

/// <summary>
/// Reads and edits the version-needs table (<c>.gnu.version_r</c>) of a 64-bit little-endian ELF shared library.
/// Used to make libLibTorchSharp.so load on hosts whose libstdc++ lacks GLIBCXX_3.4.32: GCC 13 emits a reference
/// to <c>std::ios_base_library_init</c> at that version purely as a link-time anchor, so marking the one
/// requirement weak (VER_FLG_WEAK) lets the dynamic loader accept the older libstdc++.
/// </summary>
internal static class ElfVersionNeeds
{
    public const ushort WeakFlag = 0x2;           // VER_FLG_WEAK (elf.h)
    private const uint ShtGnuVerneed = 0x6ffffffe; // SHT_GNU_verneed

    public static IReadOnlyList<VersionNeed> Read(ReadOnlySpan<byte> elf)
    {
        var (offset, count, strtab) = FindVerneedSection(elf);
        var needs = new List<VersionNeed>();
        long vn = offset;
        for (int i = 0; i < count; i++)
        {
            ushort auxCount = U16(elf, vn + 2);
            string file = CString(elf, strtab + U32(elf, vn + 4));
            long aux = vn + U32(elf, vn + 8);
            for (int j = 0; j < auxCount; j++)
            {
                needs.Add(new VersionNeed(file, CString(elf, strtab + U32(elf, aux + 8)), U16(elf, aux + 4), aux + 4));
                aux += U32(elf, aux + 12);
            }
            vn += U32(elf, vn + 12);
        }
        return needs;
    }

    /// <summary>Returns a copy of <paramref name="elf"/> with exactly the entry for <paramref name="version"/> marked weak.</summary>
    /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF, or does not require that version.</exception>
    public static byte[] MarkWeak(ReadOnlySpan<byte> elf, string version)
    {
        var matches = Read(elf).Where(n => n.Version == version).ToList();
        if (matches.Count != 1)
            throw new InvalidDataException($"expected exactly one requirement of version '{version}', found {matches.Count}");
        var copy = elf.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan((int)matches[0].FlagsOffset), (ushort)(matches[0].Flags | WeakFlag));
        return copy;
    }

    private static (long Offset, int Count, long StrtabOffset) FindVerneedSection(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F')
            throw new InvalidDataException("not an ELF file (bad magic)");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
        long shoff = (long)U64(elf, 0x28);
        int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (U32(elf, sh + 4) != ShtGnuVerneed) continue;
            long strSection = shoff + (long)U32(elf, sh + 40) * shentsize;
            return ((long)U64(elf, sh + 24), (int)U32(elf, sh + 44), (long)U64(elf, strSection + 24));
        }
        throw new InvalidDataException("the ELF file has no .gnu.version_r section");
    }

    private static ushort U16(ReadOnlySpan<byte> b, long at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(b, at, 2));
    private static uint U32(ReadOnlySpan<byte> b, long at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(b, at, 4));
    private static ulong U64(ReadOnlySpan<byte> b, long at) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(b, at, 8));

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> b, long at, int length) =>
        at >= 0 && at + length <= b.Length ? b.Slice((int)at, length)
            : throw new InvalidDataException($"ELF structure points outside the file (offset {at})");

    private static string CString(ReadOnlySpan<byte> b, long at)
    {
        var tail = Slice(b, at, 1).Length == 1 ? b[(int)at..] : default;
        int end = tail.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException($"unterminated string at offset {at}");
        return Encoding.ASCII.GetString(tail[..end]);
    }
}
