namespace Islet.Net.Tcp.Internal;

/// <summary>
/// The sender's record of SACKed ranges above SND.UNA (RFC 6675 §3): sorted, disjoint,
/// bounded in number (older information is dropped when full, which only makes recovery more
/// conservative). Blocks outside <c>[SND.UNA, SND.MAX]</c> are ignored (RFC 2018 §4).
/// </summary>
internal sealed class TcpSackScoreboard
{
    private const int MaxRanges = 16;
    private readonly SeqNumber[] _left = new SeqNumber[MaxRanges];
    private readonly SeqNumber[] _right = new SeqNumber[MaxRanges];
    private int _count;

    /// <summary>Bytes above SND.UNA the receiver holds.</summary>
    public int SackedBytes { get; private set; }

    /// <summary>The right edge of the highest SACKed range, or null when nothing is SACKed.</summary>
    public SeqNumber? HighestSacked => _count == 0 ? null : _right[_count - 1];

    public bool IsEmpty => _count == 0;

    public void Clear()
    {
        _count = 0;
        SackedBytes = 0;
    }

    /// <summary>Records one SACK block; false if it was invalid.</summary>
    public bool Add(SeqNumber left, SeqNumber right, SeqNumber una, SeqNumber max)
    {
        if (left >= right || left < una || right > max) return false;
        int i = 0;
        while (i < _count && _right[i] < left) i++;
        int j = i;
        while (j < _count && _left[j] <= right) j++;
        if (j > i)
        {
            left = SeqNumber.Min(left, _left[i]);
            right = SeqNumber.Max(right, _right[j - 1]);
        }
        int removed = j - i;
        if (removed == 0 && _count == MaxRanges) return true; // full: keep what we have
        int shift = 1 - removed;
        if (shift > 0)
            for (int k = _count - 1; k >= j; k--) { _left[k + 1] = _left[k]; _right[k + 1] = _right[k]; }
        else if (shift < 0)
            for (int k = j; k < _count; k++) { _left[k + shift] = _left[k]; _right[k + shift] = _right[k]; }
        _left[i] = left;
        _right[i] = right;
        _count += shift;
        Recount();
        return true;
    }

    /// <summary>Forgets everything below the new SND.UNA.</summary>
    public void AdvanceTo(SeqNumber una)
    {
        int drop = 0;
        while (drop < _count && _right[drop] <= una) drop++;
        if (drop > 0)
        {
            for (int k = drop; k < _count; k++) { _left[k - drop] = _left[k]; _right[k - drop] = _right[k]; }
            _count -= drop;
        }
        if (_count > 0 && _left[0] < una) _left[0] = una;
        Recount();
    }

    /// <summary>
    /// The first byte range at or after <paramref name="from"/> that is not SACKed and lies below
    /// the highest SACKed byte (RFC 6675 §4 NextSeg rule 1, with every such hole presumed lost).
    /// </summary>
    public bool TryGetNextHole(SeqNumber from, out SeqNumber start, out int length)
    {
        start = from;
        length = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_right[i] <= start) continue;
            if (_left[i] <= start) { start = _right[i]; continue; }
            length = _left[i] - start;
            return true;
        }
        return false;
    }

    /// <summary>Bytes not SACKed in <c>[from, highest SACKed)</c>: holes presumed lost and not yet resent.</summary>
    public int HoleBytesFrom(SeqNumber from)
    {
        int total = 0;
        SeqNumber position = from;
        while (TryGetNextHole(position, out var start, out int length))
        {
            total += length;
            position = start + length;
        }
        return total;
    }

    /// <summary>
    /// Where a go-back-N resend at <paramref name="seq"/> should start and how many bytes it may
    /// cover before the next SACKed range (int.MaxValue above the highest SACKed byte).
    /// </summary>
    public SeqNumber SkipSacked(SeqNumber seq, out int room)
    {
        room = int.MaxValue;
        for (int i = 0; i < _count; i++)
        {
            if (_right[i] <= seq) continue;
            if (_left[i] <= seq) { seq = _right[i]; continue; }
            room = _left[i] - seq;
            break;
        }
        return seq;
    }

    /// <summary>SACKed bytes below <paramref name="seq"/>.</summary>
    public int SackedBelow(SeqNumber seq)
    {
        int sum = 0;
        for (int i = 0; i < _count && _left[i] < seq; i++)
            sum += SeqNumber.Min(_right[i], seq) - _left[i];
        return sum;
    }

    /// <summary>SACKed bytes at or above <paramref name="seq"/>.</summary>
    public int SackedAbove(SeqNumber seq) => SackedBytes - SackedBelow(seq);

    private void Recount()
    {
        int sum = 0;
        for (int i = 0; i < _count; i++) sum += _right[i] - _left[i];
        SackedBytes = sum;
    }
}
