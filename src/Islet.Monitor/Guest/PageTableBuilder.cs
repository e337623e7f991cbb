namespace Islet.Monitor.Guest;

/// <summary>
/// Builds x86-64 4-level page tables for a set of <see cref="GuestMapping"/>s. Leaves are
/// 2 MiB pages wherever the virtual address, the physical address and the remaining length
/// allow it, and 4 KiB pages otherwise. Every entry at every level has P and U set;
/// intermediate entries are also writable and executable, so a leaf alone decides its
/// permissions: R/W when writable, NX (bit 63, needs EFER.NXE) when not executable. The
/// page at virtual address 0 can never be mapped, so that a null dereference faults.
/// Not thread-safe.
/// </summary>
public sealed class PageTableBuilder
{
    /// <summary>Present.</summary>
    public const ulong PresentBit = 1;
    /// <summary>Writable.</summary>
    public const ulong WritableBit = 1 << 1;
    /// <summary>User-accessible.</summary>
    public const ulong UserBit = 1 << 2;
    /// <summary>Page size: the entry maps a 2 MiB page (in a page directory).</summary>
    public const ulong LargePageBit = 1 << 7;
    /// <summary>No-execute.</summary>
    public const ulong NoExecuteBit = 1UL << 63;

    private const ulong Page = 4096, LargePage = 2 << 20;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000;
    private const ulong UserHalfEnd = 1UL << 47;
    private const ulong PhysicalLimit = 1UL << 52;
    private const ulong Directory = PresentBit | WritableBit | UserBit;

    // Table 0 is the PML4 (level 4). An intermediate entry holds the index of its child table
    // (shifted to the address bits) until Build turns indices into physical addresses.
    private readonly List<ulong[]> _tables = [new ulong[512]];
    private readonly List<int> _levels = [4];
    private readonly List<GuestMapping> _mappings = [];

    /// <summary>The mappings added so far.</summary>
    public IReadOnlyList<GuestMapping> Mappings => _mappings;

    /// <summary>The number of 4 KiB table pages <see cref="Build"/> will produce.</summary>
    public int TablePageCount => _tables.Count;

    /// <summary>Adds <paramref name="mapping"/>.</summary>
    /// <exception cref="ArgumentException">An address or the length is not 4 KiB aligned, the length is 0, the range
    /// wraps, leaves the lower canonical half or the 52-bit physical space, includes virtual page 0, or overlaps a
    /// earlier mapping. All checks come before any change, so the builder is unchanged.</exception>
    public void Map(GuestMapping mapping)
    {
        Validate(mapping);
        foreach (GuestMapping existing in _mappings)
        {
            if (mapping.VirtualAddress < existing.VirtualAddress + existing.Length && existing.VirtualAddress < mapping.VirtualAddress + mapping.Length)
                throw new ArgumentException($"mapping 0x{mapping.VirtualAddress:x}+0x{mapping.Length:x} overlaps 0x{existing.VirtualAddress:x}+0x{existing.Length:x}", nameof(mapping));
        }
        ulong leaf = PresentBit | UserBit | (mapping.Writable ? WritableBit : 0) | (mapping.Executable ? 0 : NoExecuteBit);
        ulong virt = mapping.VirtualAddress, phys = mapping.PhysicalAddress, end = virt + mapping.Length;
        while (virt < end)
        {
            bool large = virt % LargePage == 0 && phys % LargePage == 0 && end - virt >= LargePage;
            int directory = Child(Child(0, virt >> 39), virt >> 30);
            if (large)
            {
                _tables[directory][(virt >> 21) & 511] = phys | leaf | LargePageBit;
                virt += LargePage;
                phys += LargePage;
            }
            else
            {
                _tables[Child(directory, virt >> 21)][(virt >> 12) & 511] = phys | leaf;
                virt += Page;
                phys += Page;
            }
        }
        _mappings.Add(mapping);
    }

    /// <summary>
    /// The tables as they must appear in guest-physical memory at <paramref name="physicalBase"/>:
    /// <see cref="TablePageCount"/> pages, the PML4 first (so CR3 = <paramref name="physicalBase"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="physicalBase"/> is not 4 KiB aligned or the tables would not fit below 2^52.</exception>
    public byte[] Build(ulong physicalBase)
    {
        if (physicalBase % Page != 0 || physicalBase >= PhysicalLimit - (ulong)_tables.Count * Page)
            throw new ArgumentException($"page-table base 0x{physicalBase:x} is not page aligned or too high", nameof(physicalBase));
        var image = new byte[_tables.Count * (int)Page];
        for (int t = 0; t < _tables.Count; t++)
        {
            bool leafLevel = _levels[t] == 1;
            for (int i = 0; i < 512; i++)
            {
                ulong entry = _tables[t][i];
                if (entry != 0 && !leafLevel && (entry & LargePageBit) == 0)
                    entry = (physicalBase + (entry >> 12) * Page) | Directory;
                BitConverter.TryWriteBytes(image.AsSpan(t * (int)Page + i * 8, 8), entry);
            }
        }
        return image;
    }

    // The index of the child table for `index` (only the low 9 bits count) of table `parent`, created on first use.
    private int Child(int parent, ulong index)
    {
        ref ulong entry = ref _tables[parent][index & 511];
        if (entry == 0)
        {
            _tables.Add(new ulong[512]);
            _levels.Add(_levels[parent] - 1);
            entry = (ulong)(_tables.Count - 1) << 12;
        }
        else if ((entry & LargePageBit) != 0)
        {
            throw new InvalidOperationException("a 2 MiB page is in the way of a 4 KiB table (the overlap check should have caught this)");
        }
        return (int)(entry >> 12);
    }

    private static void Validate(GuestMapping m)
    {
        string where = $"mapping 0x{m.VirtualAddress:x} -> 0x{m.PhysicalAddress:x} +0x{m.Length:x}";
        if (m.Length == 0 || ((m.VirtualAddress | m.PhysicalAddress | m.Length) % Page) != 0)
            throw new ArgumentException($"{where}: addresses and length must be non-zero multiples of 4 KiB", nameof(m));
        if (m.VirtualAddress < Page)
            throw new ArgumentException($"{where}: virtual page 0 stays unmapped", nameof(m));
        if (m.VirtualAddress >= UserHalfEnd || m.Length > UserHalfEnd - m.VirtualAddress)
            throw new ArgumentException($"{where}: leaves the lower canonical half", nameof(m));
        if (m.PhysicalAddress >= PhysicalLimit || m.Length > PhysicalLimit - m.PhysicalAddress)
            throw new ArgumentException($"{where}: leaves the 52-bit physical space", nameof(m));
    }
}
