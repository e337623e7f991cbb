using System.Buffers.Binary;
using Islet.Abi.Elf;

namespace Islet.Abi.Tests;

public class ElfMalformedTests
{
    [Fact]
    public void Tiny_elf_parses()
    {
        ElfFile elf = ElfFile.Parse(TinyElf.Build());
        Assert.Equal(["", ".shstrtab", ".data"], elf.Sections.Select(s => s.Name));
        Assert.Equal("ISLETABI"u8.ToArray(), elf.FindSectionData(".data")!.Value.ToArray());
        ElfProgramHeader load = Assert.Single(elf.ProgramHeaders);
        Assert.Equal(ElfSegmentType.Load, load.Type);
        Assert.Equal(ElfSegmentFlags.Read | ElfSegmentFlags.Execute, load.Flags);
        Assert.Equal(0x400000ul, load.VirtualAddress);
        Assert.Equal((ulong)TinyElf.Length, load.FileSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(63)]
    [InlineData(TinyElf.ProgramHeader + 10)]   // program header table cut
    [InlineData(TinyElf.SectionHeaders + 100)] // section header table cut
    public void Truncated_file_is_refused(int length) =>
        AssertRefused(TinyElf.Build()[..length]);

    public static TheoryData<string, int, int, ulong> Corruptions => new()
    {
        // name, offset, width in bytes, value
        { "bad magic", 1, 1, (byte)'X' },
        { "32-bit class", 4, 1, 1 },
        { "big-endian", 5, 1, 2 },
        { "aarch64", 18, 2, 183 },
        { "e_ehsize", 52, 2, 52 },
        { "phoff past the end", TinyElf.PhOff, 8, TinyElf.Length },
        { "phoff overflowing", TinyElf.PhOff, 8, ulong.MaxValue - 8 },
        { "phentsize", TinyElf.PhEntSize, 2, 32 },
        { "huge phnum", TinyElf.PhNum, 2, 0xFFFE },
        { "PN_XNUM", TinyElf.PhNum, 2, 0xFFFF },
        { "segment past the end", TinyElf.PFileSize, 8, TinyElf.Length + 1 },
        { "segment offset overflowing", TinyElf.POffset, 8, ulong.MaxValue },
        { "segment size overflowing", TinyElf.PFileSize, 8, ulong.MaxValue },
        { "filesz above memsz", TinyElf.PMemSize, 8, 1 },
        { "vaddr + memsz overflowing", TinyElf.PVaddr, 8, ulong.MaxValue - 0x100 },
        { "shoff past the end", TinyElf.ShOff, 8, TinyElf.Length - 10 },
        { "shoff overflowing", TinyElf.ShOff, 8, ulong.MaxValue - 63 },
        { "shentsize", TinyElf.ShEntSize, 2, 40 },
        { "huge shnum", TinyElf.ShNum, 2, 0xFFFE },
        { "shnum 0 with shoff set", TinyElf.ShNum, 2, 0 },
        { "shstrndx past shnum", TinyElf.ShStrNdx, 2, 3 },
        { "SHN_XINDEX", TinyElf.ShStrNdx, 2, 0xFFFF },
        { "shstrndx not a string table", TinyElf.ShStrNdx, 2, 2 },
        { "name table past the end", TinyElf.SectionHeaders + 64 + TinyElf.ShSize, 8, TinyElf.Length },
        { "name offset past the table", TinyElf.SectionHeaders + 128 + TinyElf.ShName, 4, TinyElf.NamesLength },
        { "name offset far past the table", TinyElf.SectionHeaders + 128 + TinyElf.ShName, 4, uint.MaxValue },
        { "name not terminated", TinyElf.SectionHeaders + 64 + TinyElf.ShSize, 8, TinyElf.NamesLength - 1 },
        { "section past the end", TinyElf.SectionHeaders + 128 + TinyElf.ShSize, 8, TinyElf.Length },
        { "section offset overflowing", TinyElf.SectionHeaders + 128 + TinyElf.ShOffset, 8, ulong.MaxValue - 4 },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Corrupt_field_is_refused(string name, int offset, int width, ulong value)
    {
        byte[] elf = TinyElf.Build();
        Span<byte> field = elf.AsSpan(offset, width);
        switch (width)
        {
            case 1: field[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(field, (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(field, (uint)value); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(field, value); break;
        }
        ElfFormatException e = AssertRefused(elf);
        Assert.False(string.IsNullOrWhiteSpace(e.Message), name);
    }

    [Fact]
    public void Nobits_section_may_point_past_the_end()
    {
        byte[] elf = TinyElf.Build();
        BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(TinyElf.Section(2, TinyElf.ShType)), ElfSectionHeader.TypeNoBits);
        BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan(TinyElf.Section(2, TinyElf.ShSize)), 1 << 30);
        Assert.True(ElfFile.Parse(elf).FindSectionData(".data")!.Value.IsEmpty);
    }

    [Fact]
    public void Section_from_another_file_is_checked_again()
    {
        ElfFile elf = ElfFile.Parse(TinyElf.Build());
        var foreign = new ElfSectionHeader(".x", 1, 0, 0, TinyElf.Length - 4, 8, 0, 0, 1, 0);
        Assert.Throws<ElfFormatException>(() => elf.GetSectionData(foreign));
    }

    private static ElfFormatException AssertRefused(byte[] image) => Assert.Throws<ElfFormatException>(() => ElfFile.Parse(image));
}
