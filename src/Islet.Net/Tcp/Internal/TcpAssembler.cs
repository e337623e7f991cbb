namespace Islet.Net.Tcp.Internal;

/// <summary>
/// Tracks which byte ranges past <c>RCV.NXT</c> hold out-of-order data, as sorted disjoint
/// <c>[start, end)</c> offsets. The number of ranges is bounded; a segment that would need
/// more is refused (and retransmitted by the peer later).
/// </summary>
internal sealed class TcpAssembler
{
    private readonly int[] _start;
    private readonly int[] _end;
    private readonly int _maxRanges;

    public TcpAssembler(int maxRanges)
    {
        _maxRanges = maxRanges;
        _start = new int[maxRanges + 1];
        _end = new int[maxRanges + 1];
    }

    public int Count { get; private set; }
    public bool IsEmpty => Count == 0;
    /// <summary>The range containing the most recently added bytes (for the first SACK block).</summary>
    public int LastStart { get; private set; }
    public int LastEnd { get; private set; }

    public int StartAt(int i) => _start[i];
    public int EndAt(int i) => _end[i];

    /// <summary>Records <c>[start, end)</c>. False (nothing recorded) if that needs more ranges than allowed; a range at 0 is always accepted.</summary>
    public bool Add(int start, int end)
    {
        int i = 0;
        while (i < Count && _end[i] < start) i++;
        int j = i;
        while (j < Count && _start[j] <= end) j++;
        // ranges i..j-1 overlap or touch [start, end): merge them.
        if (j > i)
        {
            start = Math.Min(start, _start[i]);
            end = Math.Max(end, _end[j - 1]);
        }
        int newCount = Count - (j - i) + 1;
        if (newCount > _maxRanges && start != 0) return false;
        int shift = 1 - (j - i);
        if (shift > 0)
            for (int k = Count - 1; k >= j; k--) { _start[k + 1] = _start[k]; _end[k + 1] = _end[k]; }
        else if (shift < 0)
            for (int k = j; k < Count; k++) { _start[k + shift] = _start[k]; _end[k + shift] = _end[k]; }
        _start[i] = start;
        _end[i] = end;
        Count = newCount;
        LastStart = start;
        LastEnd = end;
        return true;
    }

    /// <summary>Removes the range starting at 0, shifts the rest down by its length and returns that length (0 if none).</summary>
    public int TakeFront()
    {
        if (Count == 0 || _start[0] != 0) return 0;
        int length = _end[0];
        for (int k = 1; k < Count; k++) { _start[k - 1] = _start[k] - length; _end[k - 1] = _end[k] - length; }
        Count--;
        LastStart -= length;
        LastEnd -= length;
        return length;
    }

    public void Clear() => Count = 0;
}
