namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// Recently resolved objects by pack offset, so delta chains that share bases are not rebuilt from
/// scratch. Bounded by entry count and total bytes; the oldest entries go first. Not thread-safe.
/// </summary>
internal sealed class PackBaseCache(int maxEntries, long maxBytes)
{
    private readonly Dictionary<long, (GitObjectType Type, byte[] Content)> _entries = [];
    private readonly Queue<long> _order = new();
    private long _bytes;

    public bool TryGet(long offset, out (GitObjectType Type, byte[] Content) value) => _entries.TryGetValue(offset, out value);

    public void Add(long offset, GitObjectType type, byte[] content)
    {
        if (content.Length > maxBytes / 4 || _entries.ContainsKey(offset))
            return;
        while (_entries.Count >= maxEntries || _bytes + content.Length > maxBytes)
        {
            long oldest = _order.Dequeue();
            _bytes -= _entries[oldest].Content.Length;
            _entries.Remove(oldest);
        }
        _entries[offset] = (type, content);
        _order.Enqueue(offset);
        _bytes += content.Length;
    }
}
