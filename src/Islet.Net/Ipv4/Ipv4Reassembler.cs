using Islet.Net.Wire;

namespace Islet.Net.Ipv4;

/// <summary>
/// Reassembles fragmented IPv4 datagrams (RFC 791 §3.2, with RFC 815's idea of tracking what
/// is missing, here as a bitmap of 8-byte blocks). Sans-IO and bounded: a fixed number of
/// datagrams, each in a buffer of <see cref="ReassemblyOptions.MaxDatagramSize"/>, allocated
/// at construction.
/// </summary>
/// <remarks>
/// Fragments belong together when source, destination, protocol and identification agree.
/// Overlaps are handled as RFC 5722 does for IPv6: a fragment that overlaps data already held
/// is accepted only when the overlapping bytes are identical (a retransmitted duplicate);
/// otherwise the whole datagram is dropped, so no overlap can be used to rewrite a header
/// that was already checked. A datagram whose last fragment disagrees about the total length,
/// or a non-last fragment whose length is not a multiple of 8 (RFC 791), is dropped too.
/// </remarks>
public sealed class Ipv4Reassembler
{
    private readonly ReassemblyOptions _options;
    private readonly long _timeoutNs;
    private readonly byte[][] _buffers;
    private readonly ulong[][] _bitmaps;
    private readonly bool[] _used;
    private readonly Ipv4Address[] _sources, _destinations;
    private readonly IpProtocol[] _protocols;
    private readonly ushort[] _ids;
    private readonly long[] _deadlines;
    private readonly int[] _totals;     // -1 until the last fragment arrives
    private readonly int[] _maxEnds;
    private readonly int[] _blocks;

    /// <summary>Creates the reassembler with all its buffers.</summary>
    public Ipv4Reassembler(ReassemblyOptions? options = null, Ipv4Counters? counters = null)
    {
        _options = options ?? new ReassemblyOptions();
        _options.Validate();
        Counters = counters ?? new Ipv4Counters();
        _timeoutNs = (long)_options.Timeout.TotalNanoseconds;
        int n = _options.Slots, blockWords = (_options.MaxDatagramSize + 8 * 64 - 1) / (8 * 64);
        _buffers = new byte[n][];
        _bitmaps = new ulong[n][];
        for (int i = 0; i < n; i++)
        {
            _buffers[i] = new byte[_options.MaxDatagramSize];
            _bitmaps[i] = new ulong[blockWords];
        }
        _used = new bool[n];
        _sources = new Ipv4Address[n];
        _destinations = new Ipv4Address[n];
        _protocols = new IpProtocol[n];
        _ids = new ushort[n];
        _deadlines = new long[n];
        _totals = new int[n];
        _maxEnds = new int[n];
        _blocks = new int[n];
    }

    /// <summary>The counters this reassembler updates.</summary>
    public Ipv4Counters Counters { get; }

    /// <summary>Datagrams currently being reassembled.</summary>
    public int InProgress
    {
        get
        {
            int count = 0;
            foreach (bool u in _used) count += u ? 1 : 0;
            return count;
        }
    }

    /// <summary>
    /// Adds one fragment (<paramref name="header"/> and its payload). Returns true when this
    /// fragment completes a datagram: <paramref name="datagram"/> describes it (offset 0, no
    /// more fragments) and <paramref name="payload"/> holds it until the next call.
    /// </summary>
    public bool TryAdd(in Ipv4Repr header, ReadOnlySpan<byte> fragment, long now, out Ipv4Repr datagram, out ReadOnlySpan<byte> payload)
    {
        datagram = default;
        payload = default;
        Counters.FragmentsReceived++;
        int offset = header.FragmentOffset, end = offset + fragment.Length;
        if (end > _options.MaxDatagramSize) { Counters.ReassemblyOverflow++; Drop(Find(header)); return false; }
        if (fragment.Length == 0 || (header.MoreFragments && (fragment.Length & 7) != 0))
        {
            Counters.ReassemblyConflicts++;
            Drop(Find(header));
            return false;
        }
        int s = Find(header);
        if (s < 0) s = Start(header, now);
        int total = _totals[s];
        if (!header.MoreFragments)
        {
            if ((total >= 0 && total != end) || _maxEnds[s] > end) { Conflict(s); return false; }
            _totals[s] = total = end;
        }
        else if (total >= 0 && end > total) { Conflict(s); return false; }

        var buffer = _buffers[s];
        var bitmap = _bitmaps[s];
        for (int block = offset >> 3; block << 3 < end; block++)
        {
            if ((bitmap[block >> 6] & (1UL << block)) == 0) continue;
            int from = block << 3, to = Math.Min(from + 8, end);
            if (!buffer.AsSpan(from, to - from).SequenceEqual(fragment.Slice(from - offset, to - from))) { Conflict(s); return false; }
        }
        fragment.CopyTo(buffer.AsSpan(offset));
        for (int block = offset >> 3; block << 3 < end; block++)
        {
            ref ulong word = ref bitmap[block >> 6];
            if ((word & (1UL << block)) == 0) { word |= 1UL << block; _blocks[s]++; }
        }
        _maxEnds[s] = Math.Max(_maxEnds[s], end);
        if (total < 0 || _blocks[s] != (total + 7) >> 3) return false;

        Counters.Reassembled++;
        _used[s] = false;
        datagram = header with { FragmentOffset = 0, MoreFragments = false, PayloadLength = total };
        payload = buffer.AsSpan(0, total);
        return true;
    }

    /// <summary>Drops datagrams whose timeout has passed (counted); returns the next deadline or <see cref="long.MaxValue"/>.</summary>
    public long Poll(long now)
    {
        long next = long.MaxValue;
        for (int s = 0; s < _used.Length; s++)
        {
            if (!_used[s]) continue;
            if (_deadlines[s] <= now) { Counters.ReassemblyTimeouts++; _used[s] = false; }
            else next = Math.Min(next, _deadlines[s]);
        }
        return next;
    }

    private int Find(in Ipv4Repr h)
    {
        for (int s = 0; s < _used.Length; s++)
            if (_used[s] && _ids[s] == h.Identification && _sources[s] == h.Source
                && _destinations[s] == h.Destination && _protocols[s] == h.Protocol)
                return s;
        return -1;
    }

    private int Start(in Ipv4Repr h, long now)
    {
        int s = Array.IndexOf(_used, false);
        if (s < 0)
        {
            s = 0;
            for (int i = 1; i < _used.Length; i++) if (_deadlines[i] < _deadlines[s]) s = i;
            Counters.ReassemblyOverflow++;
        }
        _used[s] = true;
        _sources[s] = h.Source;
        _destinations[s] = h.Destination;
        _protocols[s] = h.Protocol;
        _ids[s] = h.Identification;
        _deadlines[s] = now + _timeoutNs;
        _totals[s] = -1;
        _maxEnds[s] = 0;
        _blocks[s] = 0;
        Array.Clear(_bitmaps[s]);
        return s;
    }

    private void Conflict(int s)
    {
        Counters.ReassemblyConflicts++;
        _used[s] = false;
    }

    private void Drop(int s)
    {
        if (s >= 0) _used[s] = false;
    }
}
