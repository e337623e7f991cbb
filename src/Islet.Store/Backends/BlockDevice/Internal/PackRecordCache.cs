using Islet.Store.Git.Packs;

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>Opened packs by record offset, least recently used dropped once their bytes pass the limit (the newest always stays).</summary>
internal sealed class PackRecordCache(long maxBytes)
{
    private readonly Dictionary<long, LinkedListNode<(long Offset, PackFile Pack, long Bytes)>> _byOffset = [];
    private readonly LinkedList<(long Offset, PackFile Pack, long Bytes)> _order = new();
    private long _bytes;

    public bool TryGet(long offset, out PackFile pack)
    {
        if (_byOffset.TryGetValue(offset, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            pack = node.Value.Pack;
            return true;
        }
        pack = null!;
        return false;
    }

    public void Add(long offset, PackFile pack, long bytes)
    {
        if (_byOffset.ContainsKey(offset))
            return;
        _byOffset[offset] = _order.AddFirst((offset, pack, bytes));
        _bytes += bytes;
        while (_bytes > maxBytes && _order.Count > 1)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _byOffset.Remove(last.Value.Offset);
            _bytes -= last.Value.Bytes;
        }
    }

    public void Clear()
    {
        _byOffset.Clear();
        _order.Clear();
        _bytes = 0;
    }
}
