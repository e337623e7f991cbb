namespace Islet.Monitor.Memory;

/// <summary>
/// The sorted, disjoint, merged list of areas. Every change goes through <see cref="TryRewrite"/>,
/// which splits the areas at the range's ends, rewrites the pieces inside it, merges equal
/// neighbours and refuses (changing nothing) if the result would hold more than the area limit.
/// </summary>
/// <remarks>A change costs O(log n) to find its place plus O(n) to move the list's tail (a plain
/// list: at the area limit that is about 2.6 MB of memmove, well under a millisecond).</remarks>
internal sealed class VmaList
{
    private readonly List<VirtualMemoryArea> _areas = [];

    public VmaList(int maxCount)
    {
        MaxCount = maxCount;
        Areas = _areas.AsReadOnly();
    }

    /// <summary>The areas, sorted by address (a read-only view).</summary>
    public IReadOnlyList<VirtualMemoryArea> Areas { get; }

    /// <summary>The most areas the list may hold.</summary>
    public int MaxCount { get; }

    /// <summary>The index of the first area that ends after <paramref name="address"/> (the count if none does).</summary>
    public int FirstEndingAfter(ulong address)
    {
        int lo = 0, hi = _areas.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_areas[mid].End > address)
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }

    /// <summary>The area that contains <paramref name="address"/>, if any.</summary>
    public bool TryFind(ulong address, out VirtualMemoryArea area)
    {
        int i = FirstEndingAfter(address);
        if (i < _areas.Count && _areas[i].Start <= address)
        {
            area = _areas[i];
            return true;
        }
        area = default;
        return false;
    }

    /// <summary>Whether any area overlaps [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool Intersects(ulong start, ulong end)
    {
        int i = FirstEndingAfter(start);
        return i < _areas.Count && _areas[i].Start < end;
    }

    /// <summary>
    /// The end of the run of areas without holes that starts at <paramref name="start"/>, capped at
    /// <paramref name="end"/>; <paramref name="start"/> itself when it lies in a hole.
    /// </summary>
    public ulong CoveredEnd(ulong start, ulong end)
    {
        ulong cursor = start;
        for (int i = FirstEndingAfter(start); i < _areas.Count && cursor < end; i++)
        {
            if (_areas[i].Start > cursor)
                break;
            cursor = _areas[i].End;
        }
        return Math.Min(cursor, end);
    }

    /// <summary>
    /// Rewrites [<paramref name="start"/>, <paramref name="end"/>): each piece of an existing area in
    /// it, and each hole (passed as null), is replaced by what <paramref name="rewrite"/> returns for
    /// it (null leaves a hole; only the attributes of a returned area are used, not its bounds).
    /// Returns false, changing nothing, if the result would exceed <see cref="MaxCount"/> areas.
    /// </summary>
    public bool TryRewrite(ulong start, ulong end, Func<VirtualMemoryArea?, VirtualMemoryArea?> rewrite)
    {
        int first = FirstEndingAfter(start);
        int last = first;
        while (last < _areas.Count && _areas[last].Start < end)
            last++;
        int lo = first > 0 ? first - 1 : first;
        int hi = Math.Min(last + 1, _areas.Count);

        var pieces = new List<VirtualMemoryArea>(hi - lo + 2);
        for (int k = lo; k < first; k++)
            Append(pieces, _areas[k]);
        ulong cursor = start;
        VirtualMemoryArea? tail = null;
        for (int k = first; k < last; k++)
        {
            var area = _areas[k];
            if (area.Start < start)
                Append(pieces, area with { End = start });
            else if (area.Start > cursor)
                AppendRewritten(pieces, rewrite(null), cursor, area.Start);
            ulong pieceStart = Math.Max(area.Start, start), pieceEnd = Math.Min(area.End, end);
            AppendRewritten(pieces, rewrite(area), pieceStart, pieceEnd);
            if (area.End > end)
                tail = area with { Start = end };
            cursor = pieceEnd;
        }
        if (cursor < end)
            AppendRewritten(pieces, rewrite(null), cursor, end);
        if (tail is { } t)
            Append(pieces, t);
        for (int k = last; k < hi; k++)
            Append(pieces, _areas[k]);

        if (_areas.Count - (hi - lo) + pieces.Count > MaxCount)
            return false;
        _areas.RemoveRange(lo, hi - lo);
        _areas.InsertRange(lo, pieces);
        return true;
    }

    private static void AppendRewritten(List<VirtualMemoryArea> pieces, VirtualMemoryArea? template, ulong start, ulong end)
    {
        if (template is { } t && start < end)
            Append(pieces, t with { Start = start, End = end });
    }

    private static void Append(List<VirtualMemoryArea> pieces, VirtualMemoryArea area)
    {
        if (pieces.Count > 0)
        {
            var previous = pieces[^1];
            if (previous.End == area.Start && previous.SameAttributes(area))
            {
                pieces[^1] = previous with { End = area.End };
                return;
            }
        }
        pieces.Add(area);
    }
}
