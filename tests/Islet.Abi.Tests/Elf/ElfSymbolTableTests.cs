using Islet.Abi.Elf;
using Xunit.Abstractions;

namespace Islet.Abi.Tests.Elf;

/// <summary>
/// <see cref="ElfSymbolTable"/> against real executables, with <c>nm</c> as the oracle, and
/// against the <c>.dbg</c> files <c>objcopy --only-keep-debug</c> makes of them.
/// </summary>
public class ElfSymbolTableTests(SymbolElfFixture fixture, ITestOutputHelper output) : IClassFixture<SymbolElfFixture>
{
    public static TheoryData<string> Kinds => new() { "dynamic", "static-pie" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_function_is_found_one_byte_in_in_the_image_and_its_dbg(string kind)
    {
        if (Skipped()) return;
        string file = File(kind);
        Dictionary<string, NmSymbol> nm = SymbolElfFixture.Nm(file).Where(s => s.IsText).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
        foreach (string path in new[] { file, file + ".dbg" })
        {
            ElfSymbolTable table = ElfSymbolTable.Load(System.IO.File.ReadAllBytes(path));
            foreach (string function in SymbolElfFixture.Functions)
            {
                ulong address = nm[function].Address;
                Assert.True(table.TryLookup(address + 1, out string name, out ulong offset), $"{path}: {function}");
                Assert.Equal((function, 1UL), (name, offset));
                Assert.True(table.TryLookup(address + nm[function].Size!.Value - 1, out name, out _));
                Assert.Equal(function, name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_sized_text_symbol_nm_lists_is_found_at_its_address(string kind)
    {
        if (Skipped()) return;
        List<NmSymbol> nm = SymbolElfFixture.Nm(File(kind));
        ILookup<ulong, string> namesAt = nm.ToLookup(s => s.Address, s => s.Name);
        ElfSymbolTable table = ElfSymbolTable.Load(System.IO.File.ReadAllBytes(File(kind)));
        int checkedCount = 0;
        foreach (NmSymbol s in nm.Where(s => s.IsText && s.Size > 0))
        {
            Assert.True(table.TryLookup(s.Address, out string name, out ulong offset), s.Name);
            Assert.Equal(0UL, offset);
            Assert.Contains(name, namesAt[s.Address]);
            checkedCount++;
        }
        output.WriteLine($"{kind}: {checkedCount} sized text symbols checked, {table.Count} in the table");
        Assert.True(checkedCount >= SymbolElfFixture.Functions.Length);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Lookups_below_the_first_text_symbol_fail(string kind)
    {
        if (Skipped()) return;
        ulong first = SymbolElfFixture.Nm(File(kind)).Where(s => s.IsText).Min(s => s.Address);
        foreach (string path in new[] { File(kind), File(kind) + ".dbg" })
        {
            ElfSymbolTable table = ElfSymbolTable.Load(System.IO.File.ReadAllBytes(path));
            Assert.False(table.TryLookup(0, out string name, out _));
            Assert.Equal("", name);
            Assert.False(table.TryLookup(first - 1, out _, out _));
            Assert.True(table.TryLookup(first, out _, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_dbg_file_answers_as_the_image_does_at_every_text_address(string kind)
    {
        if (Skipped()) return;
        ElfFile image = ElfFile.Parse(System.IO.File.ReadAllBytes(File(kind)));
        ElfSymbolTable fromImage = ElfSymbolTable.Load(System.IO.File.ReadAllBytes(File(kind)));
        ElfSymbolTable fromDbg = ElfSymbolTable.Load(System.IO.File.ReadAllBytes(File(kind) + ".dbg"));
        Assert.Equal(fromImage.Count, fromDbg.Count);
        Assert.True(image.TryFindSection(".text", out ElfSectionHeader text));
        for (ulong a = text.Address - 16; a < text.Address + text.Size + 16; a++)
        {
            bool found = fromImage.TryLookup(a, out string name, out ulong offset);
            Assert.Equal((found, name, offset), (fromDbg.TryLookup(a, out string dbgName, out ulong dbgOffset), dbgName, dbgOffset));
        }
    }

    [Fact]
    public void Format_subtracts_the_load_base()
    {
        if (Skipped()) return;
        ulong alpha = SymbolElfFixture.Nm(fixture.StaticPie).Single(s => s.Name == "isl_alpha").Address;
        ElfSymbolTable table = ElfSymbolTable.Load(System.IO.File.ReadAllBytes(fixture.StaticPie + ".dbg"));
        const ulong Base = 0x7f00_0000_0000;
        Assert.Equal($"0x{Base + alpha + 4:x16} isl_alpha+0x4", table.Format(Base + alpha + 4, Base));
        Assert.Equal($"0x{Base + alpha:x16} isl_alpha+0x0", table.Format(Base + alpha, Base));
        Assert.Equal("0x00000000000000ff (no symbol)", table.Format(0xff, Base));
        Assert.Equal($"0x{Base + 1:x16} (no symbol)", table.Format(Base + 1, Base));
        Assert.Equal("0x0000000000001234 (no symbol)", ElfSymbolTable.Empty.Format(0x1234, 0));
    }

    [Fact]
    public void A_stripped_file_falls_back_to_dynsym()
    {
        if (Skipped()) return;
        byte[] bytes = System.IO.File.ReadAllBytes(fixture.Exported);
        Assert.False(ElfFile.Parse(bytes).TryFindSection(".symtab", out _));
        ulong alpha = SymbolElfFixture.Nm(fixture.Dynamic).Single(s => s.Name == "isl_alpha").Address;
        ElfSymbolTable table = ElfSymbolTable.Load(bytes);
        Assert.True(table.TryLookup(alpha + 2, out string name, out ulong offset));
        Assert.Equal(("isl_alpha", 2UL), (name, offset));
        Assert.False(table.TryLookup(0x1000, out _, out _));
    }

    private string File(string kind) => kind == "dynamic" ? fixture.Dynamic : fixture.StaticPie;

    private bool Skipped()
    {
        if (fixture.SkipReason is null) return false;
        output.WriteLine("SKIPPED: " + fixture.SkipReason);
        return true;
    }
}
