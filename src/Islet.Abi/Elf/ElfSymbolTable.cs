using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Islet.Abi.Elf;

/// <summary>
/// The code symbols of an ELF64 file, sorted by address, for symbolising guest stack
/// frames: the functions of <c>.symtab</c> (the full table, kept in <c>IMAGE.dbg</c> by
/// <c>objcopy --only-keep-debug</c>), or of <c>.dynsym</c> when there is no <c>.symtab</c>.
/// Addresses are ELF virtual addresses (the <c>p_vaddr</c> space): for an image loaded at a
/// base, the caller subtracts the base first (<see cref="Format"/> does this). The input is
/// untrusted; the only exception for bad input is <see cref="ElfFormatException"/>. The
/// table copies what it needs and does not keep the file's bytes.
/// </summary>
/// <remarks>
/// Kept: STT_FUNC symbols, and STT_NOTYPE symbols with a non-zero size in an executable
/// (SHF_EXECINSTR) section, that are defined (st_shndx not SHN_UNDEF) and named. Not kept:
/// data, sections, files, TLS and STT_GNU_IFUNC (whose value is the resolver, not the
/// function). Where several symbols start at one address (aliases), one is kept: a sized
/// one before a zero-sized one, a global or weak one before a local one, then the first
/// in ordinal order.
/// </remarks>
public sealed class ElfSymbolTable
{
    private const uint TypeSymbolTable = 2;   // SHT_SYMTAB
    private const uint TypeDynamicSymbols = 11; // SHT_DYNSYM
    private const ulong FlagExecute = 4;        // SHF_EXECINSTR
    private const int SymbolSize = 24;          // sizeof(Elf64_Sym)
    private const int SymbolTypeNone = 0, SymbolTypeFunction = 2;
    private const int BindingLocal = 0;
    private const ushort SectionUndefined = 0, SectionReserveStart = 0xFF00;

    private readonly ulong[] _starts;
    private readonly ulong[] _ends;
    private readonly string[] _names;

    private ElfSymbolTable(ulong[] starts, ulong[] ends, string[] names)
    {
        _starts = starts;
        _ends = ends;
        _names = names;
    }

    /// <summary>A table without symbols: every lookup fails.</summary>
    public static ElfSymbolTable Empty { get; } = new([], [], []);

    /// <summary>The number of symbols kept.</summary>
    public int Count => _starts.Length;

    /// <summary>
    /// Reads the code symbols of <paramref name="elf"/>: from the SHT_SYMTAB section and the
    /// string table its <c>sh_link</c> names, else from SHT_DYNSYM and its string table. A
    /// file with neither (or whose table has no bytes in the file, as SHT_NOBITS) gives an
    /// empty table.
    /// </summary>
    /// <exception cref="ElfFormatException">
    /// The file is not a well-formed ELF64 LE x86-64 file (see <see cref="ElfFile.Parse"/>),
    /// or its symbol table is malformed: <c>sh_entsize</c> not 24, <c>sh_size</c> not a
    /// multiple of it, <c>sh_link</c> not naming a string table, a name offset past the string
    /// table or unterminated, or a symbol whose <c>st_value + st_size</c> overflows.
    /// </exception>
    public static ElfSymbolTable Load(ReadOnlyMemory<byte> elf)
    {
        ElfFile file = ElfFile.Parse(elf);
        int index = FindTable(file, TypeSymbolTable);
        if (index < 0) index = FindTable(file, TypeDynamicSymbols);
        return index < 0 ? Empty : Read(file, index);
    }

    /// <summary>
    /// Finds the symbol containing <paramref name="address"/> (an ELF virtual address). Only
    /// the nearest symbol starting at or below the address is considered: a symbol with a
    /// size contains [st_value, st_value + st_size); a symbol with size 0 (hand-written
    /// assembly) contains everything from its value up to the end of its section, or without
    /// limit when its section is unknown, so the answer is "the nearest preceding symbol"
    /// and the next symbol bounds it.
    /// </summary>
    /// <param name="address">The address, already less the load base.</param>
    /// <param name="name">The symbol's name, or "" when there is none.</param>
    /// <param name="offset">How far <paramref name="address"/> is past the symbol's start.</param>
    /// <returns>True if a symbol contains the address.</returns>
    public bool TryLookup(ulong address, out string name, out ulong offset)
    {
        // The last symbol whose start is <= address.
        int low = 0, high = _starts.Length - 1, found = -1;
        while (low <= high)
        {
            int middle = low + (high - low) / 2;
            if (_starts[middle] <= address)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        if (found >= 0 && address < _ends[found])
        {
            name = _names[found];
            offset = address - _starts[found];
            return true;
        }
        name = "";
        offset = 0;
        return false;
    }

    /// <summary>
    /// One line for a stack frame: the run-time <paramref name="address"/> in hex, then the
    /// symbol and offset of <c>address - loadBase</c>, e.g.
    /// <c>0x00007f0000401a3a S_P_CoreLib_System_Runtime_EH__RhThrowEx+0x1a</c>, or
    /// <c>0x0000000000001234 (no symbol)</c> when no symbol contains it (or it is below the base).
    /// </summary>
    public string Format(ulong address, ulong loadBase) =>
        address >= loadBase && TryLookup(address - loadBase, out string name, out ulong offset)
            ? $"0x{address:x16} {name}+0x{offset:x}"
            : $"0x{address:x16} (no symbol)";

    private static int FindTable(ElfFile file, uint type)
    {
        for (int i = 0; i < file.Sections.Length; i++)
        {
            ElfSectionHeader s = file.Sections[i];
            if (s.Type == type && s.HasFileData) return i;
        }
        return -1;
    }

    private static ElfSymbolTable Read(ElfFile file, int index)
    {
        ElfSectionHeader table = file.Sections[index];
        string what = $"Symbol table section {index} ({table.Name})";
        if (table.EntrySize != SymbolSize) Fail($"{what}: sh_entsize is {table.EntrySize}, not {SymbolSize}.");
        if (table.Size % SymbolSize != 0) Fail($"{what}: sh_size {table.Size} is not a multiple of {SymbolSize}.");
        if (table.Link >= (uint)file.Sections.Length)
            Fail($"{what}: sh_link {table.Link} is not below the section count {file.Sections.Length}.");
        ElfSectionHeader stringSection = file.Sections[(int)table.Link];
        if (stringSection.Type != ElfSectionHeader.TypeStringTable)
            Fail($"{what}: sh_link {table.Link} names section type {stringSection.Type}, not SHT_STRTAB.");

        // ElfFile.Parse checked both ranges against the file.
        ReadOnlySpan<byte> symbols = file.GetSectionData(table).Span;
        ReadOnlySpan<byte> strings = file.GetSectionData(stringSection).Span;
        var kept = new List<Entry>();
        for (int i = 0; i < symbols.Length / SymbolSize; i++)
        {
            ReadOnlySpan<byte> sym = symbols.Slice(i * SymbolSize, SymbolSize);
            uint nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(sym);
            byte info = sym[4];
            ushort sectionIndex = BinaryPrimitives.ReadUInt16LittleEndian(sym[6..]);
            ulong value = BinaryPrimitives.ReadUInt64LittleEndian(sym[8..]);
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(sym[16..]);
            if (size > ulong.MaxValue - value) Fail($"{what}: symbol {i} has st_value {value:#x} + st_size {size:#x} past 2^64.");

            int type = info & 0xF;
            if (sectionIndex == SectionUndefined || nameOffset == 0) continue;
            bool inSection = sectionIndex < SectionReserveStart && sectionIndex < file.Sections.Length;
            bool wanted = type == SymbolTypeFunction
                || (type == SymbolTypeNone && size > 0 && inSection && (file.Sections[sectionIndex].Flags & FlagExecute) != 0);
            if (!wanted) continue;

            string name = ReadName(strings, nameOffset, what, i);
            if (name.Length == 0) continue;
            ulong end = value + size;
            if (size == 0)
            {
                end = ulong.MaxValue;
                if (inSection)
                {
                    ElfSectionHeader s = file.Sections[sectionIndex];
                    if (value >= s.Address && value - s.Address <= s.Size)
                    {
                        ulong rest = s.Size - (value - s.Address);
                        end = rest > ulong.MaxValue - value ? ulong.MaxValue : value + rest;
                    }
                }
            }
            kept.Add(new Entry(value, end, size > 0, (info >> 4) != BindingLocal, name));
        }

        kept.Sort(static (a, b) =>
        {
            int c = a.Start.CompareTo(b.Start);
            if (c == 0) c = b.Sized.CompareTo(a.Sized);
            if (c == 0) c = b.Global.CompareTo(a.Global);
            if (c == 0) c = string.CompareOrdinal(a.Name, b.Name);
            return c;
        });
        var starts = new List<ulong>(kept.Count);
        var ends = new List<ulong>(kept.Count);
        var names = new List<string>(kept.Count);
        foreach (Entry e in kept)
        {
            if (starts.Count > 0 && starts[^1] == e.Start) continue; // an alias: the first is the preferred one
            starts.Add(e.Start);
            ends.Add(e.End);
            names.Add(e.Name);
        }
        return new ElfSymbolTable([.. starts], [.. ends], [.. names]);
    }

    private static string ReadName(ReadOnlySpan<byte> strings, uint offset, string what, int symbol)
    {
        if (offset >= (uint)strings.Length)
            Fail($"{what}: symbol {symbol}'s name offset {offset} is past the string table ({strings.Length} bytes).");
        ReadOnlySpan<byte> rest = strings[(int)offset..];
        int end = rest.IndexOf((byte)0);
        if (end < 0) Fail($"{what}: symbol {symbol}'s name is not terminated within the string table.");
        return Encoding.UTF8.GetString(rest[..end]);
    }

    [DoesNotReturn]
    private static void Fail(string message) => throw new ElfFormatException(message);

    private readonly record struct Entry(ulong Start, ulong End, bool Sized, bool Global, string Name);
}
