using System.Collections.Immutable;

namespace Islet.Monitor.Loader;

/// <summary>
/// What <see cref="StaticPieLoader.Load"/> placed in guest memory and what the monitor needs to
/// start it: the entry point, the auxiliary vector's image values, the segments for the page
/// tables, the TLS template and the stack's permission. All addresses are guest addresses
/// (load base already added).
/// </summary>
public sealed class LoadedImage
{
    internal LoadedImage(ulong loadBase, ulong entry, ulong programHeaderAddress, int programHeaderCount,
        ImmutableArray<LoadedSegment> segments, TlsTemplate? tls, bool executableStack)
    {
        LoadBase = loadBase;
        Entry = entry;
        ProgramHeaderAddress = programHeaderAddress;
        ProgramHeaderCount = programHeaderCount;
        Segments = segments;
        Tls = tls;
        ExecutableStack = executableStack;
    }

    /// <summary>The size of one ELF64 program header (AT_PHENT).</summary>
    public const int ProgramHeaderEntrySize = 56;

    /// <summary>The base the image was loaded at (p_vaddr 0 is here).</summary>
    public ulong LoadBase { get; }

    /// <summary>Load base + e_entry: where the first vCPU starts (AT_ENTRY), inside an executable segment.</summary>
    public ulong Entry { get; }

    /// <summary>The guest address of the program header table (AT_PHDR), inside a loaded segment.</summary>
    public ulong ProgramHeaderAddress { get; }

    /// <summary>The number of program headers (AT_PHNUM).</summary>
    public int ProgramHeaderCount { get; }

    /// <summary>The PT_LOAD segments in file order, none overlapping, all inside guest memory.</summary>
    public ImmutableArray<LoadedSegment> Segments { get; }

    /// <summary>The PT_TLS template, or null if the image has none.</summary>
    public TlsTemplate? Tls { get; }

    /// <summary>
    /// True only if the image has PT_GNU_STACK with PF_X. Without PT_GNU_STACK the stack is
    /// reported non-executable: the monitor never makes a stack executable unless asked.
    /// </summary>
    public bool ExecutableStack { get; }

    /// <summary>The start of the lowest segment's first page.</summary>
    public ulong ImageStart => Segments.Min(s => s.PageStart);

    /// <summary>The end of the highest segment's last page: where the program break (brk) starts.</summary>
    public ulong ImageEnd => Segments.Max(s => s.PageEnd);
}
