using Islet.Dns.Transfer.Internal;
using Islet.Dns.Wire;
using Islet.Dns.Zone;

namespace Islet.Dns.Transfer;

/// <summary>
/// The recent history of one zone as a chain of <see cref="ZoneDiff"/>s, oldest first, from which
/// IXFR (RFC 1995) answers. Append a diff each time the zone changes. The journal is bounded by
/// <see cref="MaxDiffs"/> and by <see cref="MaxBytes"/> (the diffs' records measured in uncompressed
/// wire format); the oldest diffs are forgotten first, and a client older than what is kept gets a
/// full transfer. Not thread-safe: use it from one event loop.
/// </summary>
public sealed class ZoneJournal
{
    private readonly List<(ZoneDiff Diff, long Bytes)> _diffs = [];
    private readonly byte[] _scratch = new byte[ushort.MaxValue];

    /// <summary>An empty journal for the zone at <paramref name="origin"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is below 1.</exception>
    public ZoneJournal(DnsName origin, int maxDiffs = 100, long maxBytes = 4 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDiffs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        Origin = origin;
        MaxDiffs = maxDiffs;
        MaxBytes = maxBytes;
    }

    /// <summary>The zone's apex.</summary>
    public DnsName Origin { get; }

    /// <summary>The most diffs kept.</summary>
    public int MaxDiffs { get; }

    /// <summary>The most bytes of records kept, approximately (uncompressed wire format).</summary>
    public long MaxBytes { get; }

    /// <summary>The number of diffs kept.</summary>
    public int Count => _diffs.Count;

    /// <summary>The bytes of the records kept (uncompressed wire format).</summary>
    public long Bytes { get; private set; }

    /// <summary>The serial of the oldest version a chain can start from, or null when empty.</summary>
    public uint? OldestSerial => _diffs.Count == 0 ? null : _diffs[0].Diff.FromSerial;

    /// <summary>The serial of the newest version, or null when empty.</summary>
    public uint? NewestSerial => _diffs.Count == 0 ? null : _diffs[^1].Diff.ToSerial;

    /// <summary>Records one change of the zone. When <paramref name="diff"/> does not start from
    /// <see cref="NewestSerial"/> (the zone was reloaded from elsewhere), the older history no longer
    /// leads to the current version and is dropped first. Then the oldest diffs are dropped until
    /// both bounds hold again; a single diff larger than <see cref="MaxBytes"/> is not kept at all.</summary>
    /// <exception cref="ArgumentException">The diff is for another zone, or its new serial is not
    /// greater than its old one in RFC 1982 arithmetic.</exception>
    public void Append(ZoneDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        if (diff.OldSoa.Name != Origin || diff.NewSoa.Name != Origin)
            throw new ArgumentException($"The diff is not for the zone {Origin}.", nameof(diff));
        if (!SerialNumber.IsGreater(diff.ToSerial, diff.FromSerial))
            throw new ArgumentException($"The serial goes from {diff.FromSerial} to {diff.ToSerial}, which is not an increase (RFC 1982).", nameof(diff));
        if (_diffs.Count > 0 && _diffs[^1].Diff.ToSerial != diff.FromSerial)
            Clear();
        long bytes = Measure(diff);
        _diffs.Add((diff, bytes));
        Bytes += bytes;
        while (_diffs.Count > 0 && (_diffs.Count > MaxDiffs || Bytes > MaxBytes))
        {
            Bytes -= _diffs[0].Bytes;
            _diffs.RemoveAt(0);
        }
    }

    /// <summary>Records the change from <paramref name="before"/> to <paramref name="after"/>: appends
    /// <see cref="ZoneDiff.Between"/> of the two, as <see cref="Append(ZoneDiff)"/> does.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Append(ZoneDiff)"/>, or the zones have different origins.</exception>
    public void Append(Zone.Zone before, Zone.Zone after) => Append(ZoneDiff.Between(before, after));

    /// <summary>Forgets every diff.</summary>
    public void Clear()
    {
        _diffs.Clear();
        Bytes = 0;
    }

    /// <summary>Finds the diffs that lead from version <paramref name="fromSerial"/> to version
    /// <paramref name="toSerial"/>, in order. False when the journal does not reach back to
    /// <paramref name="fromSerial"/>, does not end at <paramref name="toSerial"/>, or when
    /// <paramref name="toSerial"/> is not greater than <paramref name="fromSerial"/> (RFC 1982).</summary>
    public bool TryGetChain(uint fromSerial, uint toSerial, out IReadOnlyList<ZoneDiff> chain)
    {
        chain = [];
        if (_diffs.Count == 0 || _diffs[^1].Diff.ToSerial != toSerial || !SerialNumber.IsGreater(toSerial, fromSerial))
            return false;
        for (int i = _diffs.Count - 1; i >= 0; i--)
        {
            if (_diffs[i].Diff.FromSerial != fromSerial)
                continue;
            var found = new ZoneDiff[_diffs.Count - i];
            for (int j = i; j < _diffs.Count; j++)
                found[j - i] = _diffs[j].Diff;
            chain = found;
            return true;
        }
        return false;
    }

    private long Measure(ZoneDiff diff)
    {
        long bytes = Measure(diff.OldSoa) + Measure(diff.NewSoa);
        foreach (DnsRecord record in diff.Deleted)
            bytes += Measure(record);
        foreach (DnsRecord record in diff.Added)
            bytes += Measure(record);
        return bytes;
    }

    private int Measure(DnsRecord record)
    {
        var writer = new DnsMessageWriter(_scratch);
        return writer.TryWriteRecord(record) ? writer.Length : _scratch.Length;
    }
}
