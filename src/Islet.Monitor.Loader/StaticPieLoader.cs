using System.Collections.Immutable;
using Islet.Abi.Elf;

namespace Islet.Monitor.Loader;

/// <summary>
/// Places a static-pie x86-64 ELF image (a sealed Islet image: NativeAOT and glibc, ET_DYN,
/// no PT_INTERP) in guest memory at a chosen load base, as Linux's <c>load_elf_binary</c> does
/// for an ET_DYN without an interpreter: every PT_LOAD at base + p_vaddr, p_filesz bytes from
/// the file and zeros up to p_memsz. The image relocates itself at start (glibc's
/// <c>_dl_relocate_static_pie</c>), so nothing here applies relocations.
/// </summary>
/// <remarks>
/// The image bytes are untrusted. Everything is checked before the first byte is written, so a
/// refused image leaves guest memory unchanged.
/// </remarks>
public static partial class StaticPieLoader
{
    /// <summary>The guest page size; the load base must be a multiple of it.</summary>
    public const ulong PageSize = 4096;

    /// <summary>
    /// Checks <paramref name="image"/>, copies its PT_LOAD segments into <paramref name="memory"/>
    /// at <paramref name="loadBase"/> + p_vaddr and zeroes each segment's bytes past p_filesz up to
    /// p_memsz. Memory outside the segments is not touched (mmap-backed guest memory is zero already).
    /// </summary>
    /// <param name="image">The whole ELF file. Only read; not referenced after the call returns.</param>
    /// <param name="memory">Guest memory to load into; every segment's pages must lie inside it.</param>
    /// <param name="loadBase">
    /// Where p_vaddr 0 goes: a multiple of <see cref="PageSize"/> and of the largest p_align. The
    /// caller keeps guest page 0 out of the image (choose a base above it) so null dereferences fault.
    /// </param>
    /// <returns>The entry point, AT_PHDR, the segments with their permissions, PT_TLS and PT_GNU_STACK.</returns>
    /// <exception cref="ElfLoadException">The image is refused; <see cref="ElfLoadException.Error"/> says why.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="memory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="loadBase"/> is not page aligned.</exception>
    public static LoadedImage Load(ReadOnlyMemory<byte> image, IGuestMemory memory, ulong loadBase)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (loadBase % PageSize != 0) throw new ArgumentException($"Load base 0x{loadBase:X} is not page aligned.", nameof(loadBase));

        CheckIdentity(image.Span);
        ElfFile file;
        try
        {
            file = ElfFile.Parse(image);
        }
        catch (ElfFormatException e)
        {
            throw new ElfLoadException(e);
        }
        CheckType(file.Header);

        var loads = ImmutableArray.CreateBuilder<(ElfProgramHeader Header, LoadedSegment Segment)>();
        ElfProgramHeader? phdr = null, tls = null;
        bool executableStack = false;
        foreach (ElfProgramHeader p in file.ProgramHeaders)
        {
            switch (p.Type)
            {
                case ElfSegmentType.Interp:
                    Fail(ElfLoadError.DynamicallyLinked, "The image has PT_INTERP: it is dynamically linked, not a static-pie.");
                    break;
                case ElfSegmentType.Load when p.MemorySize > 0:
                    loads.Add((p, Place(p, memory, loadBase)));
                    break;
                case ElfSegmentType.ProgramHeaders:
                    phdr = p;
                    break;
                case ElfSegmentType.Tls:
                    if (tls is not null) Fail(ElfLoadError.BadTls, "The image has more than one PT_TLS.");
                    tls = p;
                    break;
                case ElfSegmentType.GnuStack:
                    executableStack = (p.Flags & ElfSegmentFlags.Execute) != 0;
                    break;
            }
        }
        if (loads.Count == 0) Fail(ElfLoadError.NoLoadSegments, "The image has no PT_LOAD segment with memory.");

        ImmutableArray<LoadedSegment> segments = loads.Select(l => l.Segment).ToImmutableArray();
        CheckAlignment(loads, loadBase);
        CheckOverlap(segments);
        ulong entry = Entry(file.Header, segments, loadBase);
        ulong phdrAddress = ProgramHeaderAddress(file.Header, phdr, loads, loadBase);
        TlsTemplate? template = tls is { } t ? Tls(t, segments, loadBase) : null;

        foreach ((ElfProgramHeader header, LoadedSegment segment) in loads)
        {
            memory.Write(segment.Address, file.GetSegmentData(header).Span);
            memory.Fill(segment.Address + segment.FileSize, segment.MemorySize - segment.FileSize, 0);
        }
        return new LoadedImage(loadBase, entry, phdrAddress, file.Header.ProgramHeaderCount, segments, template, executableStack);
    }

    private static LoadedSegment Place(ElfProgramHeader p, IGuestMemory memory, ulong loadBase)
    {
        // ElfFile guarantees p_filesz <= p_memsz and that p_vaddr + p_memsz does not overflow.
        if (!TryAdd(loadBase, p.VirtualAddress, out ulong address) || !TryAdd(address, p.MemorySize, out ulong end)
            || end > ulong.MaxValue - (PageSize - 1))
            Fail(ElfLoadError.SegmentOutsideMemory, $"Segment at p_vaddr 0x{p.VirtualAddress:X} overflows the address space at base 0x{loadBase:X}.");
        var segment = new LoadedSegment(address, p.FileSize, p.MemorySize, Permissions(p.Flags));
        if (!GuestMemoryBounds.Contains(memory.BaseAddress, memory.Size, segment.PageStart, segment.PageEnd - segment.PageStart))
            Fail(ElfLoadError.SegmentOutsideMemory,
                $"Segment pages [0x{segment.PageStart:X}, 0x{segment.PageEnd:X}) are outside guest memory [0x{memory.BaseAddress:X}, +0x{memory.Size:X}).");
        return segment;
    }

    private static SegmentPermissions Permissions(ElfSegmentFlags flags) =>
        ((flags & ElfSegmentFlags.Read) != 0 ? SegmentPermissions.Read : 0)
        | ((flags & ElfSegmentFlags.Write) != 0 ? SegmentPermissions.Write : 0)
        | ((flags & ElfSegmentFlags.Execute) != 0 ? SegmentPermissions.Execute : 0);
}
