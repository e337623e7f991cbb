namespace Islet.Monitor.Memory.Tests;

/// <summary>
/// Plays the monitor for a <see cref="GuestAddressSpace"/>: applies its page-table updates to a
/// fake page table, tracks whether each physical page holds data, and checks the updates' contracts
/// (a page is never mapped at two addresses, a reused page is always zeroed).
/// </summary>
internal sealed class FakeMonitor
{
    private readonly Dictionary<ulong, (ulong Physical, Protection Protection)> _pageTable = [];
    private readonly Dictionary<ulong, ulong> _owner = [];
    private readonly HashSet<ulong> _dirty = [];
    private readonly HashSet<ulong> _everUsed = [];

    public FakeMonitor(GuestAddressSpace space, IEnumerable<ImageSegment>? segments = null)
    {
        Space = space;
        foreach (var segment in segments ?? [])
        {
            for (ulong offset = 0; offset < segment.Length; offset += GuestAddressSpace.PageSize)
            {
                ulong physical = segment.PhysicalAddress + offset;
                _pageTable[segment.VirtualAddress + offset] = (physical, segment.Protection);
                _owner[physical] = segment.VirtualAddress + offset;
                _dirty.Add(physical);
                _everUsed.Add(physical);
            }
        }
    }

    public GuestAddressSpace Space { get; }

    public int PageTableEntries => _pageTable.Count;

    /// <summary>The fake page table: virtual page, physical page, permissions (none: not present, kept).</summary>
    public IEnumerable<(ulong Virtual, ulong Physical, Protection Protection)> Entries =>
        _pageTable.Select(e => (e.Key, e.Value.Physical, e.Value.Protection));

    /// <summary>Applies the queued updates.</summary>
    public void Sync()
    {
        foreach (var update in Space.TakeUpdates())
        {
            switch (update)
            {
                case MapPage map:
                    Assert.NotEqual(Protection.None, map.Protection);
                    if (_owner.TryGetValue(map.PhysicalAddress, out ulong owner))
                        Assert.Equal(owner, map.VirtualAddress);
                    else if (!map.MustZero)
                        Assert.DoesNotContain(map.PhysicalAddress, _everUsed);
                    if (map.MustZero)
                        _dirty.Remove(map.PhysicalAddress);
                    if (_pageTable.TryGetValue(map.VirtualAddress, out var old))
                        Assert.Equal(old.Physical, map.PhysicalAddress);
                    _pageTable[map.VirtualAddress] = (map.PhysicalAddress, map.Protection);
                    _owner[map.PhysicalAddress] = map.VirtualAddress;
                    _everUsed.Add(map.PhysicalAddress);
                    break;
                case UnmapPage unmap:
                    Assert.True(_pageTable.Remove(unmap.VirtualAddress, out var entry), $"unmap of an unmapped page {unmap.VirtualAddress:x}");
                    _owner.Remove(entry.Physical);
                    break;
                case ChangePagePermissions change:
                    Assert.True(_pageTable.TryGetValue(change.VirtualAddress, out var current), $"permissions of an unmapped page {change.VirtualAddress:x}");
                    Assert.Equal(current.Physical, change.PhysicalAddress);
                    _pageTable[change.VirtualAddress] = (change.PhysicalAddress, change.Protection);
                    break;
            }
        }
    }

    /// <summary>
    /// One guest access: a hit in the page table, or a fault resolved by the address space. Returns
    /// the outcome and, when the access succeeded, whether the page read as zero before it.
    /// </summary>
    public (PageFaultOutcome Outcome, bool WasZero) Access(ulong address, AccessKind access)
    {
        Sync();
        ulong page = address & ~(GuestAddressSpace.PageSize - 1);
        if (!Allows(page, access))
        {
            var result = Space.OnPageFault(address, access);
            Sync();
            if (result.Outcome != PageFaultOutcome.Mapped)
                return (result.Outcome, false);
            Assert.True(Allows(page, access), "the fault's mapping does not allow the access");
        }
        ulong physical = _pageTable[page].Physical;
        bool wasZero = !_dirty.Contains(physical);
        if (access == AccessKind.Write)
            _dirty.Add(physical);
        return (PageFaultOutcome.Mapped, wasZero);
    }

    private bool Allows(ulong page, AccessKind access) =>
        _pageTable.TryGetValue(page, out var entry) && access switch
        {
            AccessKind.Write => (entry.Protection & Protection.Write) != 0,
            AccessKind.Execute => (entry.Protection & Protection.Execute) != 0,
            _ => entry.Protection != Protection.None,
        };
}
