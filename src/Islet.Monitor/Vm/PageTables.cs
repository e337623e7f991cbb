using System.Runtime.CompilerServices;
using Islet.Monitor.Guest;
using Islet.Monitor.Kvm;

namespace Islet.Monitor.Vm;

/// <summary>
/// The guest's live 4-level page tables, kept in guest-physical memory (a pool of table
/// pages, the PML4 first) and changed in place by the monitor one 4 KiB page at a time. Every
/// entry carries U (kvm_pvm needs it); a leaf is R/W when writable and NX unless executable.
/// Table pages are never freed. Entries are written with single 64-bit stores, so a vCPU walking
/// the tables meanwhile sees either the old or the new entry. Not thread-safe: the caller holds
/// the memory lock. After removing or narrowing a mapping the caller must flush the vCPUs'
/// cached translations (<see cref="GuestMemorySystem"/> does).
/// </summary>
public sealed class PageTables
{
    private const ulong Present = PageTableBuilder.PresentBit, Writable = PageTableBuilder.WritableBit, User = PageTableBuilder.UserBit;
    private const ulong NoExecute = PageTableBuilder.NoExecuteBit;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000;
    private readonly GuestRam _ram;
    private readonly ulong _base;
    private readonly long _pages;
    private long _used = 1; // the PML4

    /// <summary>Tables in <paramref name="pages"/> pages of <paramref name="ram"/> from <paramref name="physicalBase"/> (zeroed memory).</summary>
    public PageTables(GuestRam ram, ulong physicalBase, long pages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 4);
        _ram = ram;
        _base = physicalBase;
        _pages = pages;
        _ram.GetSpan(physicalBase, (int)PhysicalLayout.PageSize).Clear();
    }

    /// <summary>The value for CR3: the PML4's physical address.</summary>
    public ulong Root => _base;

    /// <summary>Table pages in use.</summary>
    public long PagesInUse => _used;

    /// <summary>Maps the page at <paramref name="virtualAddress"/> to <paramref name="physicalAddress"/>; false when the table pool is spent.</summary>
    public bool Map(ulong virtualAddress, ulong physicalAddress, bool writable, bool executable)
    {
        ulong leaf = (physicalAddress & AddressMask) | Present | User | (writable ? Writable : 0) | (executable ? 0 : NoExecute);
        ulong table = _base;
        for (int shift = 39; shift > 12; shift -= 9)
        {
            ref ulong entry = ref Entry(table, virtualAddress, shift);
            ulong value = Volatile.Read(ref entry);
            if ((value & Present) == 0)
            {
                if (_used >= _pages) return false;
                ulong child = _base + (ulong)_used++ * PhysicalLayout.PageSize;
                _ram.GetSpan(child, (int)PhysicalLayout.PageSize).Clear();
                value = child | Present | Writable | User;
                Volatile.Write(ref entry, value);
            }
            table = value & AddressMask;
        }
        Volatile.Write(ref Entry(table, virtualAddress, 12), leaf);
        return true;
    }

    /// <summary>Removes the mapping of the page at <paramref name="virtualAddress"/>, if any.</summary>
    public void Unmap(ulong virtualAddress)
    {
        ulong table = _base;
        for (int shift = 39; shift > 12; shift -= 9)
        {
            ulong value = Volatile.Read(ref Entry(table, virtualAddress, shift));
            if ((value & Present) == 0) return;
            table = value & AddressMask;
        }
        Volatile.Write(ref Entry(table, virtualAddress, 12), 0);
    }

    /// <summary>The physical page mapped at <paramref name="virtualAddress"/> and whether it is writable; false when not present.</summary>
    public bool TryTranslate(ulong virtualAddress, out ulong physicalAddress, out bool writable)
    {
        physicalAddress = 0;
        writable = false;
        ulong table = _base;
        for (int shift = 39; shift >= 12; shift -= 9)
        {
            ulong value = Volatile.Read(ref Entry(table, virtualAddress, shift));
            if ((value & Present) == 0) return false;
            if (shift == 12)
            {
                physicalAddress = (value & AddressMask) | (virtualAddress & 0xFFF);
                writable = (value & Writable) != 0;
                return true;
            }
            table = value & AddressMask;
        }
        return false;
    }

    private ref ulong Entry(ulong table, ulong virtualAddress, int shift)
    {
        Span<byte> page = _ram.GetSpan(table, (int)PhysicalLayout.PageSize);
        int index = (int)((virtualAddress >> shift) & 511);
        return ref Unsafe.As<byte, ulong>(ref page[index * 8]);
    }
}
