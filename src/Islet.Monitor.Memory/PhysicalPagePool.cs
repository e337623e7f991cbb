namespace Islet.Monitor.Memory;

/// <summary>
/// The guest-physical pages anonymous memory may use: <c>count</c> pages from <c>baseAddress</c>.
/// Pages never handed out are zero (fresh host memory); a page given back is reused first and
/// must be zeroed before its next use.
/// </summary>
internal sealed class PhysicalPagePool(ulong baseAddress, long count)
{
    private readonly Stack<ulong> _released = new();
    private long _fresh;

    /// <summary>The number of pages in the pool.</summary>
    public long Count { get; } = count;

    /// <summary>The number of pages handed out and not given back.</summary>
    public long InUse { get; private set; }

    /// <summary>Whether <paramref name="physicalAddress"/> is one of the pool's pages.</summary>
    public bool Owns(ulong physicalAddress) =>
        physicalAddress >= baseAddress && (physicalAddress - baseAddress) / GuestAddressSpace.PageSize < (ulong)Count;

    /// <summary>Hands out a page; false when all are in use.</summary>
    public bool TryTake(out ulong physicalAddress, out bool mustZero)
    {
        if (_released.TryPop(out physicalAddress))
            mustZero = true;
        else if (_fresh < Count)
        {
            physicalAddress = baseAddress + (ulong)_fresh++ * GuestAddressSpace.PageSize;
            mustZero = false;
        }
        else
        {
            mustZero = false;
            return false;
        }
        InUse++;
        return true;
    }

    /// <summary>Takes a page back.</summary>
    public void Give(ulong physicalAddress)
    {
        _released.Push(physicalAddress);
        InUse--;
    }
}
