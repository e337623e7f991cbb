namespace Islet.Monitor.Memory;

public sealed partial class GuestAddressSpace
{
    private const Protection KnownProtection = Protection.Read | Protection.Write | Protection.Execute | Protection.Semaphore;

    /// <summary>
    /// mprotect: changes the protection of the mapped pages in the range. Resident pages keep their
    /// contents and physical pages; their new permissions are queued. As on Linux, if the range has a
    /// hole the pages before the first hole are changed and the answer is ENOMEM. With
    /// <see cref="Protection.GrowsDown"/> the change extends down to the start of the MAP_GROWSDOWN area
    /// that holds the range's start.
    /// </summary>
    /// <returns>0 (also for a length of 0), or -EPERM for PROT_EXEC; -EINVAL for an unaligned address,
    /// unknown protection bits, PROT_GROWSUP, or PROT_GROWSDOWN on an area that does not grow down;
    /// -ENOMEM when the range wraps, starts in a hole or contains one, or the area limit would be
    /// exceeded.</returns>
    public long Mprotect(ulong address, ulong length, Protection protection)
    {
        if ((protection & Protection.Execute) != 0)
            return -MemoryErrno.EPERM;
        var grows = protection & (Protection.GrowsDown | Protection.GrowsUp);
        protection &= ~grows;
        if (grows == (Protection.GrowsDown | Protection.GrowsUp) || !IsAligned(address))
            return -MemoryErrno.EINVAL;
        if (length == 0)
            return 0;
        ulong size = AlignUp(length);
        if (size == 0 || address > ulong.MaxValue - size)
            return -MemoryErrno.ENOMEM;
        ulong end = address + size;
        if ((protection & ~KnownProtection) != 0)
            return -MemoryErrno.EINVAL;
        protection &= Protection.Read | Protection.Write;

        int index = _areas.FirstEndingAfter(address);
        if (index >= _areas.Areas.Count)
            return -MemoryErrno.ENOMEM;
        var first = _areas.Areas[index];
        if (grows == Protection.GrowsDown)
        {
            if (first.Start >= end)
                return -MemoryErrno.ENOMEM;
            if (!first.GrowsDown)
                return -MemoryErrno.EINVAL;
            address = first.Start;
        }
        else if (first.Start > address)
            return -MemoryErrno.ENOMEM;
        else if (grows == Protection.GrowsUp)
            return -MemoryErrno.EINVAL;

        ulong covered = _areas.CoveredEnd(address, end);
        if (!ChangeProtection(address, covered, protection))
            return -MemoryErrno.ENOMEM;
        return covered < end ? -MemoryErrno.ENOMEM : 0;
    }

    /// <summary>
    /// madvise. MADV_DONTNEED and MADV_FREE free the resident anonymous pages in the range, which then
    /// read back as zero; image pages keep their contents. The other known advice values are
    /// accepted and change nothing. As on Linux the advice is applied to the mapped parts of a range
    /// with holes, and the answer is then ENOMEM.
    /// </summary>
    /// <param name="address">The range's start (page-aligned).</param>
    /// <param name="length">The range's length, rounded up to pages.</param>
    /// <param name="advice">The MADV_* value.</param>
    /// <returns>0 (also for a length of 0), or -EINVAL for an unknown advice, MADV_REMOVE (private
    /// memory), an unaligned address or a wrapping range; -ENOMEM when the range is not entirely mapped.</returns>
    public long Madvise(ulong address, ulong length, int advice)
    {
        if (!Enum.IsDefined((MemoryAdvice)advice) || !IsAligned(address))
            return -MemoryErrno.EINVAL;
        ulong size = AlignUp(length);
        if ((length != 0 && size == 0) || address > ulong.MaxValue - size)
            return -MemoryErrno.EINVAL;
        if (size == 0)
            return 0;
        if ((MemoryAdvice)advice == MemoryAdvice.Remove)
            return -MemoryErrno.EINVAL;
        ulong end = address + size;
        if ((MemoryAdvice)advice is MemoryAdvice.DontNeed or MemoryAdvice.Free)
            Release(address, end, anonymousOnly: true);
        return _areas.CoveredEnd(address, end) < end ? -MemoryErrno.ENOMEM : 0;
    }

    /// <summary>Sets the protection of the mapped range [start, end) (no holes) and queues the resident pages' new permissions.</summary>
    private bool ChangeProtection(ulong start, ulong end, Protection protection)
    {
        if (start >= end)
            return true;
        var changed = new List<ulong>();
        if (_resident.Count > 0)
        {
            foreach (ulong page in _resident.GetViewBetween(start, end - 1))
            {
                if (_areas.TryFind(page, out var area) && area.Protection != protection)
                    changed.Add(page);
            }
        }
        if (!_areas.TryRewrite(start, end, area => area is { } a ? a with { Protection = protection } : null))
            return false;
        foreach (ulong page in changed)
            _updates.Add(new ChangePagePermissions(page, _frames[page], protection));
        return true;
    }
}
