namespace Islet.Monitor.Memory;

public sealed partial class GuestAddressSpace
{
    /// <summary>
    /// Decides a guest page fault at <paramref name="address"/> by a <paramref name="write"/> or a
    /// read. See <see cref="OnPageFault(ulong, AccessKind)"/>.
    /// </summary>
    public PageFaultResult OnPageFault(ulong address, bool write) =>
        OnPageFault(address, write ? AccessKind.Write : AccessKind.Read);

    /// <summary>
    /// Decides a guest page fault: the monitor calls it from its #PF handling (and its guest memory
    /// accessor, before touching a page that is not mapped). An address in a hole is SEGV_MAPERR,
    /// unless it lies below a MAP_GROWSDOWN area that may grow to it (then the area grows and the page
    /// is backed). An access the area's protection forbids is SEGV_ACCERR (a write needs
    /// <see cref="Protection.Write"/>, an instruction fetch <see cref="Protection.Execute"/>, a read any
    /// protection but none). Otherwise the page is backed with a zeroed budget page, charged now, or
    /// with the page it already has; <see cref="PageFaultOutcome.OutOfMemory"/> when the budget is spent.
    /// </summary>
    public PageFaultResult OnPageFault(ulong address, AccessKind access)
    {
        ulong page = address & ~PageMask;
        if (!_areas.TryFind(page, out var area) && !TryGrowDown(page, out area))
            return new PageFaultResult(PageFaultOutcome.SegvMapError, null);
        bool allowed = access switch
        {
            AccessKind.Write => (area.Protection & Protection.Write) != 0,
            AccessKind.Execute => (area.Protection & Protection.Execute) != 0,
            _ => area.Protection != Protection.None,
        };
        if (!allowed)
            return new PageFaultResult(PageFaultOutcome.SegvAccessError, null);

        MapPage map;
        if (_frames.TryGetValue(page, out ulong physical))
            map = new MapPage(page, physical, area.Protection, MustZero: false);
        else if (_pool.TryTake(out physical, out bool mustZero))
        {
            _resident.Add(page);
            _frames.Add(page, physical);
            map = new MapPage(page, physical, area.Protection, mustZero);
        }
        else
            return new PageFaultResult(PageFaultOutcome.OutOfMemory, null);
        _updates.Add(map);
        return new PageFaultResult(PageFaultOutcome.Mapped, map);
    }

    /// <summary>
    /// Linux's stack expansion: the area above <paramref name="page"/> grows down to it if it is a
    /// MAP_GROWSDOWN area, the page is in the range, and an accessible area below that does not itself
    /// grow down stays at least the guard gap away.
    /// </summary>
    private bool TryGrowDown(ulong page, out VirtualMemoryArea grown)
    {
        grown = default;
        if (page < RangeStart || page >= RangeEnd)
            return false;
        int index = _areas.FirstEndingAfter(page);
        if (index >= _areas.Areas.Count || !_areas.Areas[index].GrowsDown)
            return false;
        var stack = _areas.Areas[index];
        if (index > 0)
        {
            var below = _areas.Areas[index - 1];
            if (!below.GrowsDown && below.Protection != Protection.None && page - below.End < StackGuardGap)
                return false;
        }
        if (!_areas.TryRewrite(page, stack.Start, _ => stack))
            return false;
        return _areas.TryFind(page, out grown);
    }
}
