using Islet.Monitor.Kvm;
using Islet.Monitor.Loader;
using Islet.Monitor.Memory;

namespace Islet.Monitor.Vm;

/// <summary>
/// A running guest's memory: its address space (<see cref="GuestAddressSpace"/>), the live
/// page tables that reflect it, and the one checked accessor through which the monitor reads
/// and writes guest-virtual memory (<see cref="IGuestMemory"/>: an address that is not mapped
/// with the access's permission, after lazy backing, throws <see cref="GuestMemoryFaultException"/>,
/// which the system calls answer with EFAULT). Thread-safe: one lock serialises the vCPUs.
/// </summary>
/// <remarks>
/// Pages given back (munmap, MADV_DONTNEED, a shrinking brk) are returned to the host with
/// MADV_DONTNEED on their guest-physical backing, so the monitor's own memory follows the
/// guest's and a reused page reads as zero. Removing or narrowing a mapping advances
/// <see cref="FlushGeneration"/>: each vCPU reloads CR3 before it next enters the guest, and
/// <see cref="MappingsNarrowed"/> (raised with the lock held) makes the machine wait until every vCPU in
/// the guest has left it once, so that no stale translation can reach a page before it is reused.
/// </remarks>
public sealed class GuestMemorySystem : IGuestMemory
{
    /// <summary>The end of the lower canonical half: no guest address reaches it.</summary>
    public const ulong UserTop = 1UL << 47;
    private const ulong Page = PhysicalLayout.PageSize;
    private readonly object _lock = new();
    private readonly GuestRam _ram;
    private readonly GuestAddressSpace _space;
    private readonly PageTables _tables;
    private readonly List<(ulong Start, ulong End)> _release = [];
    private long _flushGeneration;
    private long _peak;

    /// <summary>Wraps <paramref name="space"/> and <paramref name="tables"/> over <paramref name="ram"/>.</summary>
    public GuestMemorySystem(GuestRam ram, GuestAddressSpace space, PageTables tables)
    {
        _ram = ram;
        _space = space;
        _tables = tables;
    }

    /// <summary>Raised, with the memory lock held, after a change that removed or narrowed mappings; handlers must not touch guest memory.</summary>
    public event Action? MappingsNarrowed;

    /// <summary>Advances whenever cached translations may be stale.</summary>
    public long FlushGeneration => Interlocked.Read(ref _flushGeneration);

    /// <summary>The budget pages backing guest memory now.</summary>
    public long ChargedPages { get { lock (_lock) return _space.ChargedPages; } }

    /// <summary>The most budget pages that ever backed guest memory at once.</summary>
    public long PeakChargedPages { get { lock (_lock) return _peak; } }

    /// <summary>The budget in pages.</summary>
    public long BudgetPages => _space.PhysicalPageBudget;

    ulong IGuestMemory.BaseAddress => 0;

    ulong IGuestMemory.Size => UserTop;

    /// <summary>mmap for the guest (anonymous private only; see <see cref="GuestAddressSpace.Mmap"/>). A writable mapping larger than the whole budget is refused with ENOMEM, as Linux's heuristic overcommit refuses one larger than RAM.</summary>
    public long Mmap(ulong address, ulong length, int protection, int flags)
    {
        const int MapNoReserve = 0x4000;
        if ((protection & 2) != 0 && (flags & MapNoReserve) == 0 && length / Page > (ulong)_space.PhysicalPageBudget)
            return -MemoryErrno.ENOMEM;
        return Change(() => _space.Mmap(address, length, (Protection)protection, (MapFlags)flags));
    }

    /// <summary>munmap for the guest.</summary>
    public long Munmap(ulong address, ulong length) => Change(() => _space.Munmap(address, length));

    /// <summary>mprotect for the guest.</summary>
    public long Mprotect(ulong address, ulong length, int protection) => Change(() => _space.Mprotect(address, length, (Protection)protection));

    /// <summary>madvise for the guest.</summary>
    public long Madvise(ulong address, ulong length, int advice) => Change(() => _space.Madvise(address, length, advice));

    /// <summary>brk for the guest.</summary>
    public long Brk(ulong requested) => Change(() => (long)_space.Brk(requested));

    /// <summary>A guest page fault: backs the page when the area allows the access (and returns <see cref="PageFaultOutcome.Mapped"/>), or says which signal is due.</summary>
    public PageFaultOutcome OnPageFault(ulong address, AccessKind access)
    {
        if (address >= UserTop) return PageFaultOutcome.SegvMapError;
        PageFaultOutcome outcome = PageFaultOutcome.Mapped;
        Change(() =>
        {
            outcome = _space.OnPageFault(address, access).Outcome;
            if (outcome == PageFaultOutcome.Mapped && access == AccessKind.Write) FaultAround(address);
            return 0;
        });
        return outcome;
    }

    /// <summary>Pages backed after a write fault, the faulting one included (64 KiB).</summary>
    public const int FaultAroundPages = 16;

    // Fault-around for writes: the pages after the faulting one, in the same accessible area, are
    // backed now too, while a quarter of the budget is still free. Heaps and stacks are written
    // in order, so this saves exits to the monitor (one round trip each) for a few pages of budget.
    // The caller holds the lock.
    private void FaultAround(ulong address)
    {
        ulong page = address & ~(Page - 1);
        for (int i = 1; i < FaultAroundPages; i++)
        {
            ulong next = page + (ulong)i * Page;
            if (next >= UserTop || _space.PhysicalPageBudget - _space.ChargedPages < _space.PhysicalPageBudget / 4) return;
            if (_space.TryGetResidentPage(next, out _)) continue;
            if (_space.OnPageFault(next, AccessKind.Write).Outcome != PageFaultOutcome.Mapped) return;
        }
    }

    /// <summary>The areas, for crash reports and tests.</summary>
    public IReadOnlyList<VirtualMemoryArea> SnapshotAreas()
    {
        lock (_lock) return [.. _space.Areas];
    }

    /// <inheritdoc />
    public void Read(ulong address, Span<byte> destination) => Copy(address, destination, write: false);

    /// <inheritdoc />
    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        unsafe
        {
            // SAFETY: the span is only read by Copy (write: true copies from it into guest memory);
            // the pointer does not outlive this call.
            fixed (byte* p = source) Copy(address, new Span<byte>(p, source.Length), write: true);
        }
    }

    /// <inheritdoc />
    public void Fill(ulong address, ulong length, byte value)
    {
        Span<byte> chunk = stackalloc byte[(int)Page];
        chunk.Fill(value);
        while (length > 0)
        {
            int n = (int)Math.Min(length, Page - (address & (Page - 1)));
            Write(address, chunk[..n]);
            address += (ulong)n;
            length -= (ulong)n;
        }
    }

    /// <summary>Backs and checks every page of the range for the access without copying; throws <see cref="GuestMemoryFaultException"/> like Read and Write.</summary>
    public void Check(ulong address, ulong length, bool write)
    {
        if (length == 0) return;
        if (address >= UserTop || length > UserTop - address) throw new GuestMemoryFaultException(address, length);
        lock (_lock)
        {
            for (ulong page = address & ~(Page - 1); page < address + length; page += Page) Translate(Math.Max(page, address), write);
        }
    }

    /// <summary>Reads a little-endian 64-bit value.</summary>
    public ulong ReadUInt64(ulong address)
    {
        Span<byte> b = stackalloc byte[8];
        Read(address, b);
        return BitConverter.ToUInt64(b);
    }

    /// <summary>Reads a little-endian 32-bit value.</summary>
    public uint ReadUInt32(ulong address)
    {
        Span<byte> b = stackalloc byte[4];
        Read(address, b);
        return BitConverter.ToUInt32(b);
    }

    /// <summary>Writes a little-endian 64-bit value.</summary>
    public void WriteUInt64(ulong address, ulong value) => Write(address, BitConverter.GetBytes(value));

    /// <summary>Writes a little-endian 32-bit value.</summary>
    public void WriteUInt32(ulong address, uint value) => Write(address, BitConverter.GetBytes(value));

    /// <summary>
    /// The host view of the 4-byte-aligned 32-bit word at <paramref name="address"/>, for atomic
    /// operations (futexes); the page is backed first. Throws <see cref="GuestMemoryFaultException"/>
    /// when it is not readable (or writable, with <paramref name="write"/>).
    /// </summary>
    public ref int Word(ulong address, bool write)
    {
        if ((address & 3) != 0) throw new GuestMemoryFaultException(address, 4);
        ulong physical;
        lock (_lock) physical = Translate(address, write);
        return ref System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(_ram.GetSpan(physical, 4))[0];
    }

    private void Copy(ulong address, Span<byte> buffer, bool write)
    {
        ulong length = (ulong)buffer.Length;
        if (address >= UserTop || length > UserTop - address) throw new GuestMemoryFaultException(address, length);
        int done = 0;
        lock (_lock)
        {
            while (done < buffer.Length)
            {
                ulong at = address + (ulong)done;
                int n = (int)Math.Min((ulong)(buffer.Length - done), Page - (at & (Page - 1)));
                ulong physical = Translate(at, write);
                Span<byte> host = _ram.GetSpan(physical, n);
                if (write) buffer.Slice(done, n).CopyTo(host);
                else host.CopyTo(buffer.Slice(done, n));
                done += n;
            }
        }
    }

    // The caller holds the lock.
    private ulong Translate(ulong address, bool write)
    {
        if (address >= UserTop) throw new GuestMemoryFaultException(address, 1);
        if (_tables.TryTranslate(address, out ulong physical, out bool writable) && (writable || !write)) return physical;
        var result = _space.OnPageFault(address, write ? AccessKind.Write : AccessKind.Read);
        ApplyUpdates();
        if (result.Outcome != PageFaultOutcome.Mapped || !_tables.TryTranslate(address, out physical, out writable) || (write && !writable))
            throw new GuestMemoryFaultException(address, 1);
        return physical;
    }

    private long Change(Func<long> call)
    {
        lock (_lock)
        {
            long result = call();
            // Freed pages must not be handed out again while another vCPU may still reach them
            // through a cached translation: the machine makes every vCPU in the guest leave it
            // (they reload CR3 before re-entering) before the lock is released.
            if (ApplyUpdates()) MappingsNarrowed?.Invoke();
            return result;
        }
    }

    // Applies the queued updates to the tables; true when a mapping was removed or narrowed. Caller holds the lock.
    private bool ApplyUpdates()
    {
        bool narrowed = false;
        foreach (PageTableUpdate update in _space.TakeUpdates())
        {
            switch (update)
            {
                case MapPage map:
                    if (map.MustZero) _ram.GetSpan(map.PhysicalAddress, (int)Page).Clear();
                    bool wasWritable = _tables.TryTranslate(map.VirtualAddress, out _, out bool w) && w;
                    if (!_tables.Map(map.VirtualAddress, map.PhysicalAddress, (map.Protection & Protection.Write) != 0, (map.Protection & Protection.Execute) != 0))
                        throw new OutOfMemoryException("the guest's page-table pool is spent");
                    narrowed |= wasWritable && (map.Protection & Protection.Write) == 0;
                    break;
                case ChangePagePermissions change:
                    if (change.Protection == Protection.None) _tables.Unmap(change.VirtualAddress);
                    else _tables.Map(change.VirtualAddress, change.PhysicalAddress, (change.Protection & Protection.Write) != 0, (change.Protection & Protection.Execute) != 0);
                    narrowed = true;
                    break;
                case UnmapPage unmap:
                    if (_tables.TryTranslate(unmap.VirtualAddress, out ulong physical, out _)) Release(physical & ~(Page - 1));
                    _tables.Unmap(unmap.VirtualAddress);
                    narrowed = true;
                    break;
            }
        }
        FlushReleased();
        _peak = Math.Max(_peak, _space.ChargedPages);
        if (narrowed) Interlocked.Increment(ref _flushGeneration);
        return narrowed;
    }

    private void Release(ulong physical)
    {
        if (_release.Count > 0 && _release[^1].End == physical) _release[^1] = (_release[^1].Start, physical + Page);
        else _release.Add((physical, physical + Page));
    }

    private void FlushReleased()
    {
        foreach (var (start, end) in _release)
        {
            // Give the host pages back; they read as zero when the guest gets them again.
            if (_ram.TryGetSpan(start, (int)(end - start), out _)) HostMemory.Discard(_ram.HostAddress + (nint)start, (nuint)(end - start));
        }
        _release.Clear();
    }
}
