using System.Buffers.Binary;
using System.Text;

namespace Islet.Manifest;

/// <summary>
/// Finds a section by name in a little-endian ELF64 file: the file header, the section header
/// table and the section-name string table, each checked against the file's length before it
/// is read. Minimal on purpose: no program headers, symbols or relocations.
/// </summary>
public static class ElfSectionReader
{
    // ELF64 file header (Elf64_Ehdr) offsets.
    private const int HeaderSize = 64;
    private const int EiClass = 4, EiData = 5;
    private const int EShoff = 0x28, EShentsize = 0x3A, EShnum = 0x3C, EShstrndx = 0x3E;
    // ELF64 section header (Elf64_Shdr) offsets.
    private const int SectionHeaderSize = 64;
    private const int ShName = 0x00, ShType = 0x04, ShOffset = 0x18, ShSize = 0x20, ShLink = 0x28;
    private const uint ShtNobits = 8;
    private const ushort ShnXindex = 0xFFFF;

    /// <summary>
    /// The section named <paramref name="name"/>, or null when the file has none. When several
    /// have that name, the first. Throws <see cref="ManifestFormatException"/> when the file is
    /// not a little-endian ELF64 file or any header, name or the found section's bytes lie
    /// outside it; never any other exception.
    /// </summary>
    public static ElfSection? Find(ReadOnlySpan<byte> file, string name)
    {
        if (file.Length < HeaderSize || !file[..4].SequenceEqual("\u007fELF"u8)) throw Error("not an ELF file");
        if (file[EiClass] != 2) throw Error("not a 64-bit ELF file");
        if (file[EiData] != 1) throw Error("not a little-endian ELF file");
        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(file[EShoff..]);
        if (shoff == 0) return null; // no section header table: no sections
        if (BinaryPrimitives.ReadUInt16LittleEndian(file[EShentsize..]) != SectionHeaderSize) throw Error("section headers are not 64 bytes");

        // Section 0 holds the real count and string-table index when they do not fit the header.
        var first = SectionHeader(file, shoff, 0, 1);
        ulong count = BinaryPrimitives.ReadUInt16LittleEndian(file[EShnum..]);
        if (count == 0) count = BinaryPrimitives.ReadUInt64LittleEndian(first[ShSize..]);
        ulong strndx = BinaryPrimitives.ReadUInt16LittleEndian(file[EShstrndx..]);
        if (strndx == ShnXindex) strndx = BinaryPrimitives.ReadUInt32LittleEndian(first[ShLink..]);
        if (count > (ulong)file.Length / SectionHeaderSize) throw Error("the section header table is larger than the file");
        _ = SectionHeader(file, shoff, count - 1, count); // the whole table is inside the file
        if (strndx >= count) throw Error("the section-name table index is out of range");
        var names = Contents(file, SectionHeader(file, shoff, strndx, count), "the section-name table");

        Span<byte> wanted = stackalloc byte[Encoding.UTF8.GetMaxByteCount(name.Length) + 1];
        int wantedLength = Encoding.UTF8.GetBytes(name, wanted);
        wanted[wantedLength] = 0; // names are NUL-terminated: match the terminator too
        var target = wanted[..(wantedLength + 1)];
        for (ulong i = 0; i < count; i++)
        {
            var header = SectionHeader(file, shoff, i, count);
            uint nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[ShName..]);
            if (nameOffset >= (uint)names.Length) throw Error($"section {i}'s name is outside the section-name table");
            var rest = names[(int)nameOffset..];
            if (!rest.StartsWith(target)) continue;
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(header[ShType..]);
            if (type == ShtNobits) return new ElfSection(0, 0, type);
            var contents = Contents(file, header, $"section {name}");
            return new ElfSection((int)BinaryPrimitives.ReadUInt64LittleEndian(header[ShOffset..]), contents.Length, type);
        }
        return null;
    }

    private static ReadOnlySpan<byte> SectionHeader(ReadOnlySpan<byte> file, ulong shoff, ulong index, ulong count)
    {
        if (index >= count) throw Error("section index out of range");
        ulong length = (ulong)file.Length;
        if (shoff > length || index > (length - shoff) / SectionHeaderSize) throw Error($"section header {index} is outside the file");
        ulong start = shoff + index * SectionHeaderSize;
        if (SectionHeaderSize > length - start) throw Error($"section header {index} is truncated");
        return file.Slice((int)start, SectionHeaderSize);
    }

    private static ReadOnlySpan<byte> Contents(ReadOnlySpan<byte> file, ReadOnlySpan<byte> header, string what)
    {
        ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(header[ShOffset..]);
        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(header[ShSize..]);
        ulong length = (ulong)file.Length;
        if (offset > length || size > length - offset) throw Error($"{what} lies outside the file");
        return file.Slice((int)offset, (int)size);
    }

    private static ManifestFormatException Error(string message) => new($"malformed ELF file: {message}");
}
