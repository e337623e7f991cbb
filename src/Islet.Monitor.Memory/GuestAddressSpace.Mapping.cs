namespace Islet.Monitor.Memory;

public sealed partial class GuestAddressSpace
{
    private const MapFlags MapTypeMask = (MapFlags)0x0f;

    /// <summary>
    /// mmap for private anonymous memory. Without MAP_FIXED or MAP_FIXED_NOREPLACE,
    /// <paramref name="address"/> is a hint, used if the pages there are free (rounded down to a
    /// page; a hint below the range means its start) and otherwise the highest free gap is taken.
    /// With MAP_FIXED whatever was mapped there is replaced (its pages are freed); with
    /// MAP_FIXED_NOREPLACE the answer is then EEXIST instead. Nothing is backed until touched.
    /// </summary>
    /// <returns>
    /// The mapping's address, or: -EPERM for PROT_EXEC, a mapping without MAP_ANONYMOUS or a fixed
    /// address below the range; -EINVAL for a length of 0, a type other than MAP_PRIVATE or an
    /// unaligned fixed address; -ENOMEM when there is no room, the length overflows, a fixed range
    /// passes the range's end, MAP_HUGETLB is asked for, or the area limit would be exceeded;
    /// -EEXIST for MAP_FIXED_NOREPLACE over a mapping.
    /// </returns>
    public long Mmap(ulong address, ulong length, Protection protection, MapFlags flags)
    {
        if ((protection & Protection.Execute) != 0 || (flags & MapFlags.Anonymous) == 0)
            return -MemoryErrno.EPERM;
        if ((flags & MapTypeMask) != MapFlags.Private || length == 0)
            return -MemoryErrno.EINVAL;
        ulong size = AlignUp(length);
        if (size == 0 || (flags & MapFlags.HugeTlb) != 0)
            return -MemoryErrno.ENOMEM;
        bool growsDown = (flags & MapFlags.GrowsDown) != 0;
        var template = Anonymous(protection & (Protection.Read | Protection.Write), growsDown);

        if ((flags & (MapFlags.Fixed | MapFlags.FixedNoReplace)) != 0)
        {
            if (size > RangeEnd || address > RangeEnd - size)
                return -MemoryErrno.ENOMEM;
            if (!IsAligned(address))
                return -MemoryErrno.EINVAL;
            if (address < RangeStart)
                return -MemoryErrno.EPERM;
            if ((flags & MapFlags.FixedNoReplace) != 0 && _areas.Intersects(address, address + size))
                return -MemoryErrno.EEXIST;
        }
        else if (!TryPlace(address, size, out address))
            return -MemoryErrno.ENOMEM;

        if (!_areas.TryRewrite(address, address + size, _ => template))
            return -MemoryErrno.ENOMEM;
        Release(address, address + size, anonymousOnly: false);
        return (long)address;
    }

    /// <summary>
    /// munmap: removes every mapping in the range; pages in a hole are simply skipped, so unmapping
    /// a hole succeeds.
    /// </summary>
    /// <returns>0, or -EINVAL for an unaligned address, a length of 0 or a range past the range's
    /// end, or -ENOMEM when splitting an area would exceed the area limit.</returns>
    public long Munmap(ulong address, ulong length)
    {
        if (!IsAligned(address) || address > RangeEnd || length > RangeEnd - address)
            return -MemoryErrno.EINVAL;
        ulong size = AlignUp(length);
        if (size == 0)
            return -MemoryErrno.EINVAL;
        if (!_areas.TryRewrite(address, address + size, _ => null))
            return -MemoryErrno.ENOMEM;
        Release(address, address + size, anonymousOnly: false);
        return 0;
    }

    /// <summary>Linux's top-down placement: the hint if its pages are free, else the highest free gap.</summary>
    private bool TryPlace(ulong hint, ulong size, out ulong address)
    {
        if (size > RangeEnd - RangeStart)
        {
            address = 0;
            return false;
        }
        hint &= ~PageMask;
        if (hint != 0)
        {
            hint = Math.Max(hint, RangeStart);
            if (hint <= RangeEnd - size && IsFree(hint, size))
            {
                address = hint;
                return true;
            }
        }
        var areas = _areas.Areas;
        ulong top = RangeEnd;
        for (int i = areas.Count; i >= 0; i--)
        {
            if (i < areas.Count)
                top = Math.Min(top, GapStart(areas[i]));
            ulong bottom = i > 0 ? Math.Max(areas[i - 1].End, RangeStart) : RangeStart;
            if (top >= bottom && top - bottom >= size)
            {
                address = top - size;
                return true;
            }
            if (i > 0 && areas[i - 1].End <= RangeStart)
                break;
        }
        address = 0;
        return false;
    }

    /// <summary>Whether [<paramref name="start"/>, +<paramref name="size"/>) is unmapped and clear of every stack guard gap.</summary>
    private bool IsFree(ulong start, ulong size)
    {
        int next = _areas.FirstEndingAfter(start);
        return next >= _areas.Areas.Count || start + size <= GapStart(_areas.Areas[next]);
    }
}
