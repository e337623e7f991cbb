namespace Islet.Monitor.Memory.Tests;

/// <summary>
/// A deliberately simple page-by-page model of the memory calls for a small range: one state per
/// page (mapped, protection, image or anonymous, resident, holds data). Areas are derived by
/// grouping equal neighbouring pages. It has no MAP_GROWSDOWN support (the random test does not
/// make stacks).
/// </summary>
internal sealed class ReferenceModel
{
    private const ulong Page = GuestAddressSpace.PageSize;
    private const Protection RW = Protection.Read | Protection.Write;

    private readonly ulong _low;
    private readonly ulong _high;
    private readonly long _budget;
    private readonly int _maxAreas;
    private readonly ulong _breakStart;
    private PageState[] _pages;
    private ulong _break;

    public ReferenceModel(ulong low, int pages, long budget, int maxAreas, IEnumerable<ImageSegment> image)
    {
        _low = low;
        _high = low + (ulong)pages * Page;
        _budget = budget;
        _maxAreas = maxAreas;
        _pages = new PageState[pages];
        _breakStart = low;
        foreach (var segment in image)
        {
            for (ulong a = segment.VirtualAddress; a < segment.VirtualAddress + segment.Length; a += Page)
                _pages[Index(a)] = new PageState(true, segment.Protection, Image: true, Resident: true, Dirty: true);
            _breakStart = Math.Max(_breakStart, segment.VirtualAddress + segment.Length);
        }
        _break = _breakStart;
    }

    private readonly record struct PageState(bool Mapped, Protection Protection, bool Image, bool Resident, bool Dirty);

    public long Charged => _pages.Count(p => p.Mapped && p.Resident && !p.Image);

    public ulong ProgramBreak => _break;

    public List<VirtualMemoryArea> Areas() => Group(_pages);

    /// <summary>The state of the page at an address inside the range: (mapped, protection, resident).</summary>
    public (bool Mapped, Protection Protection, bool Resident) PageAt(ulong address)
    {
        var p = _pages[Index(address)];
        return (p.Mapped, p.Protection, p.Resident);
    }

    public long Mmap(ulong address, ulong length, Protection protection, MapFlags flags)
    {
        if (protection.HasFlag(Protection.Execute) || !flags.HasFlag(MapFlags.Anonymous))
            return -MemoryErrno.EPERM;
        if (((int)flags & 0xf) != (int)MapFlags.Private || length == 0)
            return -MemoryErrno.EINVAL;
        ulong size = Align(length);
        if (size == 0 || flags.HasFlag(MapFlags.HugeTlb))
            return -MemoryErrno.ENOMEM;
        if ((flags & (MapFlags.Fixed | MapFlags.FixedNoReplace)) != 0)
        {
            if (size > _high || address > _high - size)
                return -MemoryErrno.ENOMEM;
            if (address % Page != 0)
                return -MemoryErrno.EINVAL;
            if (address < _low)
                return -MemoryErrno.EPERM;
            if (flags.HasFlag(MapFlags.FixedNoReplace) && !AllFree(address, size))
                return -MemoryErrno.EEXIST;
        }
        else
        {
            ulong? place = Place(address, size);
            if (place is null)
                return -MemoryErrno.ENOMEM;
            address = place.Value;
        }
        var candidate = (PageState[])_pages.Clone();
        for (ulong a = address; a < address + size; a += Page)
            candidate[Index(a)] = new PageState(true, protection & RW, false, false, false);
        return Commit(candidate) ? (long)address : -MemoryErrno.ENOMEM;
    }

    public long Munmap(ulong address, ulong length)
    {
        if (address % Page != 0 || address > _high || length > _high - address)
            return -MemoryErrno.EINVAL;
        ulong size = Align(length);
        if (size == 0)
            return -MemoryErrno.EINVAL;
        var candidate = (PageState[])_pages.Clone();
        for (ulong a = address; a < address + size; a += Page)
        {
            if (a >= _low)
                candidate[Index(a)] = default;
        }
        return Commit(candidate) ? 0 : -MemoryErrno.ENOMEM;
    }

    public long Mprotect(ulong address, ulong length, Protection protection)
    {
        if (protection.HasFlag(Protection.Execute))
            return -MemoryErrno.EPERM;
        var grows = protection & (Protection.GrowsDown | Protection.GrowsUp);
        protection &= ~grows;
        if (grows == (Protection.GrowsDown | Protection.GrowsUp) || address % Page != 0)
            return -MemoryErrno.EINVAL;
        if (length == 0)
            return 0;
        ulong size = Align(length);
        if (size == 0 || address > ulong.MaxValue - size)
            return -MemoryErrno.ENOMEM;
        ulong end = address + size;
        if ((protection & ~(RW | Protection.Execute | Protection.Semaphore)) != 0)
            return -MemoryErrno.EINVAL;
        if (grows == Protection.GrowsDown)
        {
            // No area grows down here: the first area at or after the address decides ENOMEM or EINVAL.
            for (ulong a = Math.Max(address, _low); a < _high; a += Page)
            {
                if (IsMapped(a))
                    return a >= end ? -MemoryErrno.ENOMEM : -MemoryErrno.EINVAL;
            }
            return -MemoryErrno.ENOMEM;
        }
        if (!IsMapped(address))
            return -MemoryErrno.ENOMEM;
        if (grows == Protection.GrowsUp)
            return -MemoryErrno.EINVAL;
        var candidate = (PageState[])_pages.Clone();
        ulong cursor = address;
        for (; cursor < end && IsMapped(cursor); cursor += Page)
            candidate[Index(cursor)] = candidate[Index(cursor)] with { Protection = protection & RW };
        if (!Commit(candidate))
            return -MemoryErrno.ENOMEM;
        return cursor < end ? -MemoryErrno.ENOMEM : 0;
    }

    public long Madvise(ulong address, ulong length, int advice)
    {
        bool known = advice is (>= 0 and <= 4) or (>= 8 and <= 21);
        if (!known || address % Page != 0)
            return -MemoryErrno.EINVAL;
        ulong size = Align(length);
        if ((length != 0 && size == 0) || address > ulong.MaxValue - size)
            return -MemoryErrno.EINVAL;
        if (size == 0)
            return 0;
        if (advice == 9)
            return -MemoryErrno.EINVAL;
        bool hole = false;
        for (ulong a = address; a < address + size; a += Page)
        {
            if (!IsMapped(a))
            {
                hole = true;
                if (a >= _high)
                    break;
                continue;
            }
            ref var p = ref _pages[Index(a)];
            if ((advice == 4 || advice == 8) && !p.Image)
                p = p with { Resident = false, Dirty = false };
        }
        return hole ? -MemoryErrno.ENOMEM : 0;
    }

    public ulong Brk(ulong requested)
    {
        if (requested < _breakStart || requested > _high)
            return _break;
        ulong newTop = Align(requested), oldTop = Align(_break);
        if (newTop == oldTop)
            return _break = requested;
        var candidate = (PageState[])_pages.Clone();
        if (requested < _break)
        {
            for (ulong a = newTop; a < oldTop; a += Page)
                candidate[Index(a)] = default;
        }
        else
        {
            for (ulong a = oldTop; a < _high && a < newTop + Page; a += Page)
            {
                if (IsMapped(a))
                    return _break;
            }
            for (ulong a = oldTop; a < newTop; a += Page)
                candidate[Index(a)] = new PageState(true, RW, false, false, false);
        }
        if (Commit(candidate))
            _break = requested;
        return _break;
    }

    public (PageFaultOutcome Outcome, bool WasZero) Access(ulong address, AccessKind access)
    {
        if (!IsMapped(address))
            return (PageFaultOutcome.SegvMapError, false);
        ref var p = ref _pages[Index(address)];
        bool allowed = access switch
        {
            AccessKind.Write => p.Protection.HasFlag(Protection.Write),
            AccessKind.Execute => p.Protection.HasFlag(Protection.Execute),
            _ => p.Protection != Protection.None,
        };
        if (!allowed)
            return (PageFaultOutcome.SegvAccessError, false);
        if (!p.Resident)
        {
            if (Charged >= _budget)
                return (PageFaultOutcome.OutOfMemory, false);
            p = p with { Resident = true, Dirty = false };
        }
        bool wasZero = !p.Dirty;
        if (access == AccessKind.Write)
            p = p with { Dirty = true };
        return (PageFaultOutcome.Mapped, wasZero);
    }

    private ulong? Place(ulong hint, ulong size)
    {
        ulong pages = size / Page;
        if (pages > (ulong)_pages.Length)
            return null;
        hint -= hint % Page;
        if (hint != 0)
        {
            hint = Math.Max(hint, _low);
            if (hint + size <= _high && AllFree(hint, size))
                return hint;
        }
        ulong run = 0;
        for (int i = _pages.Length - 1; i >= 0; i--)
        {
            run = _pages[i].Mapped ? 0 : run + 1;
            if (run == pages)
                return _low + (ulong)i * Page;
        }
        return null;
    }

    private bool AllFree(ulong address, ulong size)
    {
        for (ulong a = address; a < address + size; a += Page)
        {
            if (IsMapped(a))
                return false;
        }
        return true;
    }

    private bool Commit(PageState[] candidate)
    {
        if (Group(candidate).Count > _maxAreas)
            return false;
        _pages = candidate;
        return true;
    }

    private List<VirtualMemoryArea> Group(PageState[] pages)
    {
        var areas = new List<VirtualMemoryArea>();
        for (int i = 0; i < pages.Length; i++)
        {
            if (!pages[i].Mapped)
                continue;
            ulong start = _low + (ulong)i * Page;
            var kind = pages[i].Image ? VmaKind.Image : VmaKind.Anonymous;
            if (areas.Count > 0 && areas[^1].End == start && areas[^1].Protection == pages[i].Protection && areas[^1].Kind == kind)
                areas[^1] = areas[^1] with { End = start + Page };
            else
                areas.Add(new VirtualMemoryArea(start, start + Page, pages[i].Protection, kind, false));
        }
        return areas;
    }

    private bool IsMapped(ulong address) => address >= _low && address < _high && _pages[Index(address)].Mapped;

    private int Index(ulong address) => (int)((address - _low) / Page);

    private static ulong Align(ulong value) => value > ulong.MaxValue - (Page - 1) ? 0 : (value + Page - 1) & ~(Page - 1);
}
