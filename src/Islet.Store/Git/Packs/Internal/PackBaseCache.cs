namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// Recently resolved objects by pack offset, so delta chains that share bases are not rebuilt from
/// scratch. Bounded by entry count and total bytes; the oldest entries go first, and an entry the
/// caller knows it will not need again can be dropped at once (<see cref="Remove"/>). Not thread-safe.
/// </summary>
internal sealed class PackBaseCache(int maxEntries, long maxBytes)
{
    private readonly Dictionary<long, (GitObjectType Type, byte[] Content)> _entries = [];
    private readonly Queue<long> _order = new();
    private long _bytes;

    /// <summary>The object cached for <paramref name="offset"/>, if any.</summary>
    public bool TryGet(long offset, out (GitObjectType Type, byte[] Content) value) => _entries.TryGetValue(offset, out value);

    /// <summary>Keeps <paramref name="content"/> (not copied: the caller must not change it) unless it is above a quarter of the byte bound; evicts the oldest entries to make room.</summary>
    public void Add(long offset, GitObjectType type, byte[] content)
    {
        if (content.Length > maxBytes / 4 || _entries.ContainsKey(offset))
            return;
        while (_entries.Count >= maxEntries || _bytes + content.Length > maxBytes)
        {
            // The order may name offsets already removed; those are skipped.
            if (_entries.Remove(_order.Dequeue(), out var oldest))
                _bytes -= oldest.Content.Length;
        }
        if (_order.Count > 2 * _entries.Count + 64)
        {
            long[] live = _order.Where(_entries.ContainsKey).ToArray();
            _order.Clear();
            foreach (long kept in live)
                _order.Enqueue(kept);
        }
        _entries[offset] = (type, content);
        _order.Enqueue(offset);
        _bytes += content.Length;
    }

    /// <summary>Drops the object cached for <paramref name="offset"/>, if any.</summary>
    public void Remove(long offset)
    {
        if (_entries.Remove(offset, out var removed))
            _bytes -= removed.Content.Length;
    }
}
