namespace Islet.Monitor.Memory;

public sealed partial class GuestAddressSpace
{
    /// <summary>
    /// brk: moves the program break to <paramref name="requested"/>, as Linux does. Growing maps
    /// anonymous read-write memory up to the page-aligned new break, and fails (leaving the break) if
    /// that would come within a page of the next mapping (or its stack guard gap) or pass the range's
    /// end. Shrinking unmaps the pages above the new break. A request below the initial break (such
    /// as 0) changes nothing.
    /// </summary>
    /// <returns>The program break after the call: the requested one on success, the old one otherwise.</returns>
    public ulong Brk(ulong requested)
    {
        if (requested < _breakStart || requested > RangeEnd)
            return _break;
        ulong newTop = AlignUp(requested), oldTop = AlignUp(_break);
        if (newTop == oldTop)
        {
            _break = requested;
            return _break;
        }
        if (requested < _break)
        {
            if (!_areas.TryRewrite(newTop, oldTop, _ => null))
                return _break;
            Release(newTop, oldTop, anonymousOnly: false);
            _break = requested;
            return _break;
        }
        int next = _areas.FirstEndingAfter(oldTop);
        if (next < _areas.Areas.Count && newTop + PageSize > GapStart(_areas.Areas[next]))
            return _break;
        if (!_areas.TryRewrite(oldTop, newTop, _ => Anonymous(Protection.Read | Protection.Write)))
            return _break;
        _break = requested;
        return _break;
    }
}
