using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Islet.Abi.Elf;

/// <summary>
/// A parsed ELF64 little-endian x86-64 file: header, program headers and named section
/// headers (System V gABI, "Object Files"). The input is untrusted: every offset, size and
/// count is checked against the file (without overflow) before use, and the only exception
/// for bad input is <see cref="ElfFormatException"/>. The file's bytes are kept, not copied;
/// the caller must not change them while the <see cref="ElfFile"/> is in use.
/// </summary>
public sealed class ElfFile
{
    private const int HeaderSize = 64;
    private const int ProgramHeaderSize = 56;
    private const int SectionHeaderSize = 64;
    private const ushort ExtendedNumbering = 0xFFFF; // PN_XNUM and SHN_XINDEX

    private readonly ReadOnlyMemory<byte> _image;

    private ElfFile(ReadOnlyMemory<byte> image, ElfHeader header,
        ImmutableArray<ElfProgramHeader> programHeaders, ImmutableArray<ElfSectionHeader> sections)
    {
        _image = image;
        Header = header;
        ProgramHeaders = programHeaders;
        Sections = sections;
    }

    /// <summary>The file header.</summary>
    public ElfHeader Header { get; }

    /// <summary>The program headers (segments), in file order.</summary>
    public ImmutableArray<ElfProgramHeader> ProgramHeaders { get; }

    /// <summary>The section headers, in file order (index 0 is the null section when there are any).</summary>
    public ImmutableArray<ElfSectionHeader> Sections { get; }

    /// <summary>Parses <paramref name="image"/>, which stays referenced by the result.</summary>
    /// <exception cref="ElfFormatException">The input is not a well-formed ELF64 LE x86-64 file.</exception>
    public static ElfFile Parse(ReadOnlyMemory<byte> image)
    {
        ReadOnlySpan<byte> file = image.Span;
        ElfHeader header = ReadHeader(file);
        ImmutableArray<ElfProgramHeader> segments = ReadProgramHeaders(file, header);
        ImmutableArray<ElfSectionHeader> sections = ReadSections(file, header);
        return new ElfFile(image, header, segments, sections);
    }

    /// <summary>The first section called <paramref name="name"/>, if any.</summary>
    public bool TryFindSection(string name, out ElfSectionHeader section)
    {
        foreach (ElfSectionHeader s in Sections)
        {
            if (s.Name == name)
            {
                section = s;
                return true;
            }
        }
        section = default;
        return false;
    }

    /// <summary>The bytes of the first section called <paramref name="name"/>, or null if there is none.</summary>
    public ReadOnlyMemory<byte>? FindSectionData(string name) =>
        // The cast matters: a bare null would convert to an empty ReadOnlyMemory through byte[].
        TryFindSection(name, out ElfSectionHeader section) ? GetSectionData(section) : (ReadOnlyMemory<byte>?)null;

    /// <summary>A section's bytes in the file (empty for SHT_NOBITS and SHT_NULL).</summary>
    /// <exception cref="ElfFormatException">The header's range is not within this file.</exception>
    public ReadOnlyMemory<byte> GetSectionData(ElfSectionHeader section) =>
        section.HasFileData ? Slice(section.Offset, section.Size, "section " + section.Name) : ReadOnlyMemory<byte>.Empty;

    /// <summary>The bytes of a segment in the file (<c>FileSize</c> bytes at <c>Offset</c>).</summary>
    /// <exception cref="ElfFormatException">The header's range is not within this file.</exception>
    public ReadOnlyMemory<byte> GetSegmentData(ElfProgramHeader segment) =>
        Slice(segment.Offset, segment.FileSize, "segment");

    private ReadOnlyMemory<byte> Slice(ulong offset, ulong size, string what)
    {
        CheckRange(_image.Length, offset, size, what);
        return _image.Slice((int)offset, (int)size);
    }

    private static ElfHeader ReadHeader(ReadOnlySpan<byte> file)
    {
        if (file.Length < HeaderSize) Fail($"File is {file.Length} bytes, shorter than the 64-byte ELF64 header.");
        if (file[0] != 0x7F || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F') Fail("No ELF magic.");
        if (file[4] != 2) Fail($"EI_CLASS is {file[4]}, not ELFCLASS64.");
        if (file[5] != 1) Fail($"EI_DATA is {file[5]}, not little-endian.");
        if (file[6] != 1) Fail($"EI_VERSION is {file[6]}, not 1.");
        ushort machine = U16(file, 18);
        if (machine != ElfHeader.MachineX86_64) Fail($"e_machine is {machine}, not EM_X86_64.");
        if (U16(file, 52) != HeaderSize) Fail($"e_ehsize is {U16(file, 52)}, not 64.");

        ushort phnum = U16(file, 56), shnum = U16(file, 60), shstrndx = U16(file, 62);
        ulong phoff = U64(file, 32), shoff = U64(file, 40);
        if (phnum == ExtendedNumbering) Fail("Extended program header numbering (PN_XNUM) is not supported.");
        if (phnum > 0 && U16(file, 54) != ProgramHeaderSize) Fail($"e_phentsize is {U16(file, 54)}, not 56.");
        if (shnum == 0 && shoff != 0) Fail("Extended section numbering (e_shnum 0 with e_shoff set) is not supported.");
        if (shnum > 0 && U16(file, 58) != SectionHeaderSize) Fail($"e_shentsize is {U16(file, 58)}, not 64.");
        if (shstrndx == ExtendedNumbering) Fail("Extended section name table index (SHN_XINDEX) is not supported.");
        if (shstrndx != 0 && shstrndx >= shnum) Fail($"e_shstrndx {shstrndx} is not below e_shnum {shnum}.");
        return new ElfHeader(U16(file, 16), machine, U64(file, 24), phoff, phnum, shoff, shnum, shstrndx);
    }

    private static ImmutableArray<ElfProgramHeader> ReadProgramHeaders(ReadOnlySpan<byte> file, ElfHeader header)
    {
        int count = header.ProgramHeaderCount;
        if (count == 0) return [];
        CheckRange(file.Length, header.ProgramHeaderOffset, (ulong)count * ProgramHeaderSize, "program header table");
        var segments = ImmutableArray.CreateBuilder<ElfProgramHeader>(count);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> p = file.Slice((int)header.ProgramHeaderOffset + i * ProgramHeaderSize, ProgramHeaderSize);
            var segment = new ElfProgramHeader(
                (ElfSegmentType)U32(p, 0), (ElfSegmentFlags)U32(p, 4),
                U64(p, 8), U64(p, 16), U64(p, 24), U64(p, 32), U64(p, 40), U64(p, 48));
            CheckRange(file.Length, segment.Offset, segment.FileSize, $"segment {i}");
            if (segment.Type == ElfSegmentType.Load)
            {
                if (segment.FileSize > segment.MemorySize) Fail($"Segment {i}: p_filesz exceeds p_memsz.");
                if (segment.VirtualAddress > ulong.MaxValue - segment.MemorySize) Fail($"Segment {i}: p_vaddr + p_memsz overflows.");
            }
            segments.Add(segment);
        }
        return segments.MoveToImmutable();
    }

    private static ImmutableArray<ElfSectionHeader> ReadSections(ReadOnlySpan<byte> file, ElfHeader header)
    {
        int count = header.SectionHeaderCount;
        if (count == 0) return [];
        CheckRange(file.Length, header.SectionHeaderOffset, (ulong)count * SectionHeaderSize, "section header table");
        int tableStart = (int)header.SectionHeaderOffset;

        ReadOnlySpan<byte> names = default;
        if (header.SectionNameTableIndex != 0)
        {
            ReadOnlySpan<byte> s = file.Slice(tableStart + header.SectionNameTableIndex * SectionHeaderSize, SectionHeaderSize);
            if (U32(s, 4) != ElfSectionHeader.TypeStringTable) Fail("The section name table is not SHT_STRTAB.");
            CheckRange(file.Length, U64(s, 24), U64(s, 32), "section name table");
            names = file.Slice((int)U64(s, 24), (int)U64(s, 32));
        }

        var sections = ImmutableArray.CreateBuilder<ElfSectionHeader>(count);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> s = file.Slice(tableStart + i * SectionHeaderSize, SectionHeaderSize);
            string name = header.SectionNameTableIndex == 0 ? "" : ReadName(names, U32(s, 0), i);
            var section = new ElfSectionHeader(name, U32(s, 4), U64(s, 8), U64(s, 16), U64(s, 24), U64(s, 32),
                U32(s, 40), U32(s, 44), U64(s, 48), U64(s, 56));
            if (section.HasFileData) CheckRange(file.Length, section.Offset, section.Size, $"section {i} ({name})");
            sections.Add(section);
        }
        return sections.MoveToImmutable();
    }

    private static string ReadName(ReadOnlySpan<byte> names, uint offset, int index)
    {
        if (offset >= (uint)names.Length) Fail($"Section {index}: name offset {offset} is past the name table ({names.Length} bytes).");
        ReadOnlySpan<byte> rest = names[(int)offset..];
        int end = rest.IndexOf((byte)0);
        if (end < 0) Fail($"Section {index}: name is not terminated within the name table.");
        return Encoding.UTF8.GetString(rest[..end]);
    }

    // offset + size <= length, without overflow.
    private static void CheckRange(int length, ulong offset, ulong size, string what)
    {
        if (offset > (ulong)length || size > (ulong)length - offset)
            Fail($"The {what} (offset {offset}, size {size}) is not within the file ({length} bytes).");
    }

    private static ushort U16(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt16LittleEndian(s[at..]);

    private static uint U32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s[at..]);

    private static ulong U64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);

    [DoesNotReturn]
    private static void Fail(string message) => throw new ElfFormatException(message);
}
