using System.Buffers.Binary;
using Islet.Abi.Elf;
using Xunit.Abstractions;

namespace Islet.Abi.Tests.Elf;

/// <summary>
/// Broken symbol tables, made by patching one field of a real executable: each gives
/// <see cref="ElfFormatException"/> (or, with no table at all, an empty table), never another
/// exception. Then 20,000 seeded random mutations, after which only that exception may escape.
/// </summary>
public class ElfSymbolTableMalformedTests(SymbolElfFixture fixture, ITestOutputHelper output) : IClassFixture<SymbolElfFixture>
{
    // Elf64_Shdr and Elf64_Sym field offsets (gABI).
    private const int ShType = 4, ShOffset = 24, ShSize = 32, ShLink = 40, ShEntSize = 56;
    private const int StName = 0, StSize = 16;
    private const uint SectionTypeProgBits = 1;

    [Theory]
    [InlineData(ShEntSize, 16UL, "sh_entsize")]
    [InlineData(ShEntSize, 0UL, "sh_entsize")]
    [InlineData(ShEntSize, ulong.MaxValue, "sh_entsize")]
    [InlineData(ShSize, 25UL, "multiple")]
    [InlineData(ShSize, 0x7FFF_FFFF_FFFF_FFF0UL, "not within the file")]
    [InlineData(ShOffset, 0xFFFF_FFFF_0000UL, "not within the file")]
    [InlineData(ShLink, 999UL, "sh_link")]
    [InlineData(ShLink, 0UL, "SHT_STRTAB")]
    public void A_bad_symtab_header_field_is_a_format_error(int field, ulong value, string message)
    {
        if (Skipped()) return;
        byte[] bytes = Read(out ElfFile elf, out int symtab, out _);
        int at = Header(elf, symtab) + field;
        if (field == ShLink) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)value);
        else BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), value);
        var e = Assert.Throws<ElfFormatException>(() => ElfSymbolTable.Load(bytes));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_link_to_a_section_that_is_not_a_string_table_is_a_format_error()
    {
        if (Skipped()) return;
        byte[] bytes = Read(out ElfFile elf, out int symtab, out _);
        Assert.True(elf.TryFindSection(".text", out _));
        int text = elf.Sections.IndexOf(elf.Sections.First(s => s.Name == ".text"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(Header(elf, symtab) + ShLink), (uint)text);
        Assert.Contains("not SHT_STRTAB", Assert.Throws<ElfFormatException>(() => ElfSymbolTable.Load(bytes)).Message);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(1000L)]
    [InlineData((long)uint.MaxValue)]
    public void A_name_past_the_string_table_is_a_format_error(long pastEnd)
    {
        if (Skipped()) return;
        byte[] bytes = Read(out ElfFile elf, out int symtab, out int alpha);
        ulong strtabSize = elf.Sections[(int)elf.Sections[symtab].Link].Size;
        uint name = (uint)Math.Min((ulong)uint.MaxValue, strtabSize + (ulong)pastEnd);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(alpha + StName), name);
        Assert.Contains("past the string table", Assert.Throws<ElfFormatException>(() => ElfSymbolTable.Load(bytes)).Message);
    }

    [Fact]
    public void An_unterminated_name_is_a_format_error()
    {
        if (Skipped()) return;
        byte[] bytes = Read(out ElfFile elf, out int symtab, out int alpha);
        int strtab = (int)elf.Sections[symtab].Link;
        ulong size = elf.Sections[strtab].Size - 1; // drop the last terminator
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(Header(elf, strtab) + ShSize), size);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(alpha + StName), (uint)size - 1);
        Assert.Contains("not terminated", Assert.Throws<ElfFormatException>(() => ElfSymbolTable.Load(bytes)).Message);
    }

    [Fact]
    public void A_symbol_whose_end_overflows_is_a_format_error()
    {
        if (Skipped()) return;
        byte[] bytes = Read(out _, out _, out int alpha);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(alpha + StSize), ulong.MaxValue);
        Assert.Contains("past 2^64", Assert.Throws<ElfFormatException>(() => ElfSymbolTable.Load(bytes)).Message);
    }

    [Fact]
    public void Truncated_files_are_format_errors()
    {
        if (Skipped()) return;
        byte[] bytes = System.IO.File.ReadAllBytes(fixture.Dynamic);
        foreach (int length in new[] { 0, 1, 4, 63, 64, 100, bytes.Length / 2, bytes.Length - 64, bytes.Length - 1 })
            Assert.Throws<ElfFormatException>(() => ElfSymbolTable.Load(bytes.AsMemory(0, length)));
    }

    [Fact]
    public void A_file_without_symbol_tables_gives_an_empty_table()
    {
        if (Skipped()) return;
        byte[] bytes = Read(out ElfFile elf, out _, out _);
        for (int i = 0; i < elf.Sections.Length; i++)
        {
            if (elf.Sections[i].Name is ".symtab" or ".dynsym")
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(Header(elf, i) + ShType), SectionTypeProgBits);
        }
        ElfSymbolTable table = ElfSymbolTable.Load(bytes);
        Assert.Equal(0, table.Count);
        Assert.False(table.TryLookup(0x401000, out _, out _));
        Assert.Equal(0, ElfSymbolTable.Load(TinyElf.Build()).Count);
    }

    [Fact]
    public void Mutated_files_throw_nothing_but_format_errors()
    {
        if (Skipped()) return;
        byte[] image = Read(out ElfFile elf, out int symtab, out _);
        int strtab = (int)elf.Sections[symtab].Link;
        (int Start, int Length)[] hot =
        [
            ((int)elf.Header.SectionHeaderOffset, elf.Sections.Length * 64),
            ((int)elf.Sections[symtab].Offset, (int)elf.Sections[symtab].Size),
            ((int)elf.Sections[strtab].Offset, (int)elf.Sections[strtab].Size),
            (0, image.Length),
        ];
        ulong[] interesting = [0, 1, 23, 24, 25, 0x7F, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0xFFFF_FFFF, long.MaxValue, ulong.MaxValue, ulong.MaxValue - 23];
        byte[] pristine = (byte[])image.Clone();
        var random = new Random(7);
        int loaded = 0, found = 0;
        for (int n = 0; n < 20_000; n++)
        {
            int length = image.Length;
            for (int m = random.Next(1, 4); m > 0; m--)
            {
                (int start, int size) = hot[random.Next(hot.Length)];
                int at = start + random.Next(Math.Max(1, size));
                switch (random.Next(3))
                {
                    case 0:
                        image[Math.Min(at, image.Length - 1)] ^= (byte)random.Next(1, 256);
                        break;
                    case 1:
                        {
                            int width = 1 << random.Next(0, 4);
                            at = Math.Min(at & ~(width - 1), image.Length - width);
                            var value = new byte[8];
                            BinaryPrimitives.WriteUInt64LittleEndian(value, interesting[random.Next(interesting.Length)]);
                            value.AsSpan(0, width).CopyTo(image.AsSpan(at));
                            break;
                        }
                    default:
                        length = Math.Min(length, random.Next(image.Length + 1));
                        break;
                }
            }
            try
            {
                ElfSymbolTable table = ElfSymbolTable.Load(image.AsMemory(0, length));
                loaded++;
                for (int i = 0; i < 8; i++)
                {
                    ulong address = random.Next(2) == 0 ? (ulong)random.NextInt64() : 0x401000 + (ulong)random.Next(0x2000);
                    if (table.TryLookup(address, out _, out _)) found++;
                    _ = table.Format(address, (ulong)random.Next(0x1000));
                }
            }
            catch (ElfFormatException)
            {
            }
            pristine.CopyTo(image, 0);
        }
        output.WriteLine($"{loaded} of 20000 mutated files loaded; {found} lookups found a symbol");
        Assert.InRange(loaded, 1, 19_999);
    }

    // The bytes of the dynamic executable, its .symtab index, and where isl_alpha's Elf64_Sym is.
    private byte[] Read(out ElfFile elf, out int symtab, out int alpha)
    {
        byte[] bytes = System.IO.File.ReadAllBytes(fixture.Dynamic);
        elf = ElfFile.Parse(bytes);
        symtab = elf.Sections.IndexOf(elf.Sections.Single(s => s.Name == ".symtab"));
        ElfSectionHeader table = elf.Sections[symtab];
        ReadOnlySpan<byte> strings = elf.GetSectionData(elf.Sections[(int)table.Link]).Span;
        alpha = -1;
        for (int at = (int)table.Offset; at < (int)(table.Offset + table.Size); at += 24)
        {
            ReadOnlySpan<byte> name = strings[(int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at))..];
            if (name.StartsWith("isl_alpha\0"u8)) alpha = at;
        }
        Assert.True(alpha >= 0, "isl_alpha is not in .symtab");
        return bytes;
    }

    private static int Header(ElfFile elf, int index) => (int)elf.Header.SectionHeaderOffset + index * 64;

    private bool Skipped()
    {
        if (fixture.SkipReason is null) return false;
        output.WriteLine("SKIPPED: " + fixture.SkipReason);
        return true;
    }
}
