namespace Islet.Monitor.Loader;

/// <summary>
/// One PT_LOAD segment as placed in guest memory: <see cref="FileSize"/> bytes from the file at
/// <see cref="Address"/>, then zeros up to <see cref="MemorySize"/>.
/// </summary>
/// <param name="Address">Load base + p_vaddr (guest address of the first byte).</param>
/// <param name="FileSize">p_filesz: bytes copied from the file.</param>
/// <param name="MemorySize">p_memsz: bytes the segment occupies (the part past FileSize is zero: .bss).</param>
/// <param name="Permissions">From p_flags; the monitor maps the segment's pages with these.</param>
public readonly record struct LoadedSegment(ulong Address, ulong FileSize, ulong MemorySize, SegmentPermissions Permissions)
{
    /// <summary>The guest page size the page bounds are rounded to.</summary>
    public const ulong PageSize = 4096;

    /// <summary>The first byte past the segment.</summary>
    public ulong End => Address + MemorySize;

    /// <summary>The start of the segment's first page.</summary>
    public ulong PageStart => Address & ~(PageSize - 1);

    /// <summary>
    /// The end of the segment's last page (exclusive). Two segments never overlap, but the
    /// last page of one may be the first page of the next; the monitor then maps that page
    /// with the union of both segments' permissions.
    /// </summary>
    public ulong PageEnd => (End + PageSize - 1) & ~(PageSize - 1);
}
