using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Islet.Abi.Elf;

namespace Islet.Monitor.Loader;

// The image checks that go beyond ElfFile's well-formedness: what makes a loadable static-pie.
public static partial class StaticPieLoader
{
    // A specific error for a well-formed ELF file of the wrong class or machine (ElfFile.Parse
    // would only call it malformed). Anything shorter or without the magic is left to ElfFile.
    private static void CheckIdentity(ReadOnlySpan<byte> file)
    {
        if (file.Length < 20 || !file.StartsWith("\u007fELF"u8)) return;
        if (file[4] != 2 || file[5] != 1)
            Fail(ElfLoadError.NotElf64, $"EI_CLASS {file[4]}, EI_DATA {file[5]}: not ELF64 little-endian.");
        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(file[18..]);
        if (machine != ElfHeader.MachineX86_64) Fail(ElfLoadError.NotX86_64, $"e_machine is {machine}, not EM_X86_64 (62).");
    }

    private static void CheckType(ElfHeader header)
    {
        if (header.Type == ElfHeader.TypeExecutable)
            Fail(ElfLoadError.FixedAddressExecutable, "The image is ET_EXEC (fixed addresses, no load base), not a static-pie (ET_DYN).");
        if (header.Type != ElfHeader.TypeSharedObject)
            Fail(ElfLoadError.NotExecutable, $"e_type is {header.Type}, not ET_DYN.");
    }

    // gABI: p_align is 0, 1 or a power of two, and p_vaddr = p_offset modulo p_align. Linux also
    // aligns an ET_DYN's load bias to the largest p_align; here the caller chose the base, so check it.
    private static void CheckAlignment(ImmutableArray<(ElfProgramHeader Header, LoadedSegment Segment)>.Builder loads, ulong loadBase)
    {
        foreach ((ElfProgramHeader p, _) in loads)
        {
            ulong align = p.Alignment;
            if (align <= 1) continue;
            if (!BitOperations.IsPow2(align))
                Fail(ElfLoadError.BadAlignment, $"Segment at p_vaddr 0x{p.VirtualAddress:X}: p_align 0x{align:X} is not a power of two.");
            if ((p.VirtualAddress - p.Offset) % align != 0)
                Fail(ElfLoadError.BadAlignment, $"Segment at p_vaddr 0x{p.VirtualAddress:X}: p_vaddr and p_offset 0x{p.Offset:X} differ modulo p_align 0x{align:X}.");
            if (loadBase % align != 0)
                Fail(ElfLoadError.BadAlignment, $"Load base 0x{loadBase:X} is not a multiple of p_align 0x{align:X}.");
        }
    }

    private static void CheckOverlap(ImmutableArray<LoadedSegment> segments)
    {
        LoadedSegment[] sorted = [.. segments.OrderBy(s => s.Address)];
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Address < sorted[i - 1].End)
                Fail(ElfLoadError.OverlappingSegments,
                    $"Segments [0x{sorted[i - 1].Address:X}, 0x{sorted[i - 1].End:X}) and [0x{sorted[i].Address:X}, 0x{sorted[i].End:X}) overlap.");
        }
    }

    private static ulong Entry(ElfHeader header, ImmutableArray<LoadedSegment> segments, ulong loadBase)
    {
        if (TryAdd(loadBase, header.Entry, out ulong entry))
        {
            foreach (LoadedSegment s in segments)
            {
                if ((s.Permissions & SegmentPermissions.Execute) != 0 && entry >= s.Address && entry < s.End) return entry;
            }
        }
        Fail(ElfLoadError.EntryNotExecutable, $"e_entry 0x{header.Entry:X} is not inside an executable PT_LOAD segment.");
        return 0;
    }

    // AT_PHDR: PT_PHDR's address if there is one, else where the load segment holding e_phoff
    // in the file puts it. Either way the table must be in loaded file bytes, since libc reads it.
    private static ulong ProgramHeaderAddress(ElfHeader header, ElfProgramHeader? phdr,
        ImmutableArray<(ElfProgramHeader Header, LoadedSegment Segment)>.Builder loads, ulong loadBase)
    {
        ulong tableSize = (ulong)header.ProgramHeaderCount * LoadedImage.ProgramHeaderEntrySize;
        if (phdr is { } p)
        {
            if (TryAdd(loadBase, p.VirtualAddress, out ulong address)
                && loads.Any(l => InFileBytes(l.Segment, address, tableSize)))
                return address;
            Fail(ElfLoadError.ProgramHeadersNotLoaded, $"PT_PHDR at p_vaddr 0x{p.VirtualAddress:X} is not inside a PT_LOAD segment's file bytes.");
        }
        foreach ((ElfProgramHeader h, LoadedSegment s) in loads)
        {
            ulong offset = header.ProgramHeaderOffset;
            if (offset >= h.Offset && offset - h.Offset <= h.FileSize && tableSize <= h.FileSize - (offset - h.Offset))
                return s.Address + (offset - h.Offset);
        }
        Fail(ElfLoadError.ProgramHeadersNotLoaded, $"No PT_PHDR, and no PT_LOAD segment holds e_phoff 0x{header.ProgramHeaderOffset:X}.");
        return 0;
    }

    private static TlsTemplate Tls(ElfProgramHeader p, ImmutableArray<LoadedSegment> segments, ulong loadBase)
    {
        if (!TryAdd(loadBase, p.VirtualAddress, out ulong address)
            || p.FileSize > p.MemorySize || (p.Alignment > 1 && !BitOperations.IsPow2(p.Alignment))
            || !segments.Any(s => InFileBytes(s, address, p.FileSize)))
            Fail(ElfLoadError.BadTls, $"PT_TLS at p_vaddr 0x{p.VirtualAddress:X} (filesz 0x{p.FileSize:X}, memsz 0x{p.MemorySize:X}, align 0x{p.Alignment:X}) is not a valid template inside a loaded segment.");
        return new TlsTemplate(address, p.FileSize, p.MemorySize, p.Alignment);
    }

    // [address, address + length) within the segment's bytes copied from the file, without overflow.
    private static bool InFileBytes(LoadedSegment s, ulong address, ulong length) =>
        address >= s.Address && address - s.Address <= s.FileSize && length <= s.FileSize - (address - s.Address);

    private static bool TryAdd(ulong a, ulong b, out ulong sum)
    {
        sum = a + b;
        return sum >= a;
    }

    [DoesNotReturn]
    private static void Fail(ElfLoadError error, string message) => throw new ElfLoadException(error, message);
}
