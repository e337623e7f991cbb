namespace Islet.Monitor.Memory;

/// <summary>
/// The guest's address space as the hvt monitor keeps it: the memory system calls (mmap, munmap,
/// mprotect, madvise, brk) with Linux's x86-64 semantics for private anonymous memory, and the
/// page faults that back committed memory lazily. It does no I/O: every change to the guest's page
/// tables is queued as a <see cref="PageTableUpdate"/> for the monitor to apply
/// (<see cref="TakeUpdates"/>).
/// </summary>
/// <remarks>
/// <para>Reservations (<see cref="Protection.None"/>) and commits cost no physical page; a page is
/// charged when the guest first touches it (<see cref="OnPageFault(ulong, AccessKind)"/>) and given
/// back by munmap, a MAP_FIXED mapping over it, MADV_DONTNEED/MADV_FREE or a shrinking brk, after
/// which the address reads back as zero. mprotect keeps a page's contents, even through
/// <see cref="Protection.None"/>.</para>
/// <para>Calls return what the system call returns: an address or 0 on success, a negated
/// <see cref="MemoryErrno"/> value on failure. A call that fails changes nothing, except mprotect and
/// madvise over a range with a hole, which (as on Linux) apply to the mapped part first.</para>
/// <para>Known differences from Linux: an operation is refused with ENOMEM when its result would hold
/// more than the area limit (Linux counts slightly differently in places); madvise advice only
/// changes anonymous pages (image pages keep their contents); MADV_DONTDUMP and the other hints do
/// not split areas; there is no RLIMIT_AS, RLIMIT_DATA or RLIMIT_STACK. Not thread-safe: the monitor
/// serialises the calls of all vCPUs.</para>
/// </remarks>
public sealed partial class GuestAddressSpace
{
    /// <summary>The page size (4 KiB).</summary>
    public const ulong PageSize = 4096;

    /// <summary>The default area limit, Linux's default vm.max_map_count.</summary>
    public const int DefaultMaxAreaCount = 65530;

    /// <summary>The gap Linux keeps below a MAP_GROWSDOWN area (stack_guard_gap, 256 pages).</summary>
    public const ulong StackGuardGap = 256 * PageSize;

    private const ulong PageMask = PageSize - 1;

    private readonly VmaList _areas;
    private readonly PhysicalPagePool _pool;
    private readonly SortedSet<ulong> _resident = [];
    private readonly Dictionary<ulong, ulong> _frames = [];
    private readonly List<PageTableUpdate> _updates = [];
    private readonly ulong _breakStart;
    private ulong _break;

    /// <summary>
    /// Creates the address space of a guest whose image is already mapped.
    /// </summary>
    /// <param name="rangeStart">The lowest address the guest may map (page-aligned, not 0: page 0 stays unmapped so that null dereferences fault).</param>
    /// <param name="rangeEnd">The address just past the highest the guest may map (page-aligned).</param>
    /// <param name="physicalBase">The guest-physical address of the first page anonymous memory may use (page-aligned).</param>
    /// <param name="physicalPages">How many pages from <paramref name="physicalBase"/> anonymous memory may use: the budget.</param>
    /// <param name="segments">The image's segments, already mapped and backed outside the budget; inside the range, disjoint.</param>
    /// <param name="breakStart">The initial program break (the start of brk's heap); by default the page-aligned end of the highest segment, or <paramref name="rangeStart"/>.</param>
    /// <param name="maxAreaCount">The area limit (vm.max_map_count).</param>
    /// <exception cref="ArgumentException">An address is not page-aligned, the range is empty or starts at 0, a segment is empty, outside the range, overlaps another or uses the budget's physical pages.</exception>
    public GuestAddressSpace(
        ulong rangeStart,
        ulong rangeEnd,
        ulong physicalBase,
        long physicalPages,
        IEnumerable<ImageSegment> segments,
        ulong? breakStart = null,
        int maxAreaCount = DefaultMaxAreaCount)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfNegative(physicalPages);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAreaCount, 1);
        if ((rangeStart | rangeEnd | physicalBase) % PageSize != 0 || rangeStart == 0 || rangeStart >= rangeEnd)
            throw new ArgumentException("The range must be page-aligned, non-empty and leave page 0 unmapped.", nameof(rangeStart));
        if ((ulong)physicalPages > (ulong.MaxValue - physicalBase) / PageSize)
            throw new ArgumentException("The physical pages overflow 64 bits.", nameof(physicalPages));
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
        _areas = new VmaList(maxAreaCount);
        _pool = new PhysicalPagePool(physicalBase, physicalPages);
        ulong highest = rangeStart;
        foreach (var segment in segments.OrderBy(s => s.VirtualAddress))
        {
            MapSegment(segment);
            highest = Math.Max(highest, AlignUp(segment.VirtualAddress + segment.Length));
        }
        _breakStart = _break = breakStart ?? highest;
        if (_breakStart < rangeStart || _breakStart > rangeEnd)
            throw new ArgumentException("The program break must lie in the range.", nameof(breakStart));
    }

    /// <summary>The lowest address the guest may map.</summary>
    public ulong RangeStart { get; }

    /// <summary>The address just past the highest the guest may map.</summary>
    public ulong RangeEnd { get; }

    /// <summary>The areas, sorted by address, disjoint and merged.</summary>
    public IReadOnlyList<VirtualMemoryArea> Areas => _areas.Areas;

    /// <summary>The physical page budget for anonymous memory.</summary>
    public long PhysicalPageBudget => _pool.Count;

    /// <summary>How many budget pages are backing guest pages now; never more than <see cref="PhysicalPageBudget"/>.</summary>
    public long ChargedPages => _pool.InUse;

    /// <summary>The current program break as brk reports it.</summary>
    public ulong ProgramBreak => _break;

    /// <summary>The updates queued since the last call, oldest first; the queue is emptied.</summary>
    public IReadOnlyList<PageTableUpdate> TakeUpdates()
    {
        var taken = _updates.ToArray();
        _updates.Clear();
        return taken;
    }

    /// <summary>The guest-physical page backing the virtual page at <paramref name="address"/>, if it is resident (mapped or kept under <see cref="Protection.None"/>).</summary>
    public bool TryGetResidentPage(ulong address, out ulong physicalAddress) =>
        _frames.TryGetValue(address & ~PageMask, out physicalAddress);

    private void MapSegment(ImageSegment segment)
    {
        ulong length = AlignUp(segment.Length);
        if ((segment.VirtualAddress | segment.PhysicalAddress) % PageSize != 0 || length == 0)
            throw new ArgumentException("A segment must be page-aligned and non-empty.", nameof(segment));
        if (segment.VirtualAddress < RangeStart || length > RangeEnd - segment.VirtualAddress)
            throw new ArgumentException("A segment lies outside the range.", nameof(segment));
        ulong end = segment.VirtualAddress + length;
        if (_areas.Intersects(segment.VirtualAddress, end))
            throw new ArgumentException("Segments overlap.", nameof(segment));
        var template = new VirtualMemoryArea(0, 0, segment.Protection & (Protection.Read | Protection.Write | Protection.Execute), VmaKind.Image, false);
        if (!_areas.TryRewrite(segment.VirtualAddress, end, _ => template))
            throw new ArgumentException("The segments exceed the area limit.", nameof(segment));
        for (ulong offset = 0; offset < length; offset += PageSize)
        {
            ulong physical = segment.PhysicalAddress + offset;
            if (_pool.Owns(physical))
                throw new ArgumentException("A segment uses the budget's physical pages.", nameof(segment));
            _resident.Add(segment.VirtualAddress + offset);
            _frames.Add(segment.VirtualAddress + offset, physical);
        }
    }

    /// <summary>
    /// Drops the resident pages in [<paramref name="start"/>, <paramref name="end"/>): queues their
    /// unmapping and gives budget pages back. With <paramref name="anonymousOnly"/>, image pages stay.
    /// </summary>
    private void Release(ulong start, ulong end, bool anonymousOnly)
    {
        if (start >= end || _resident.Count == 0)
            return;
        foreach (ulong page in _resident.GetViewBetween(start, end - 1).ToArray())
        {
            ulong physical = _frames[page];
            bool pooled = _pool.Owns(physical);
            if (anonymousOnly && !pooled)
                continue;
            _resident.Remove(page);
            _frames.Remove(page);
            _updates.Add(new UnmapPage(page));
            if (pooled)
                _pool.Give(physical);
        }
    }

    /// <summary>Rounds up to a page; 0 if that overflows.</summary>
    private static ulong AlignUp(ulong value) => value > ulong.MaxValue - PageMask ? 0 : (value + PageMask) & ~PageMask;

    private static bool IsAligned(ulong value) => (value & PageMask) == 0;

    private static VirtualMemoryArea Anonymous(Protection protection, bool growsDown = false) =>
        new(0, 0, protection, VmaKind.Anonymous, growsDown);

    /// <summary>Where an area's room begins for placement: a MAP_GROWSDOWN area keeps the guard gap below it.</summary>
    private static ulong GapStart(in VirtualMemoryArea area) =>
        area.GrowsDown ? (area.Start > StackGuardGap ? area.Start - StackGuardGap : 0) : area.Start;
}
