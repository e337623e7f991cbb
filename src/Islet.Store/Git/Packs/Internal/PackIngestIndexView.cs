using System.Collections;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// The ingester's entries as <see cref="PackIndexEncoder"/> takes them (id, offset, CRC), sorted by
/// id through an array of entry numbers: 4 bytes an object instead of a sorted copy of the entries.
/// The entries must have their ids and must not change while the view is used.
/// </summary>
internal sealed class PackIngestIndexView : IReadOnlyList<(GitObjectId Id, long Offset, uint Crc)>
{
    private readonly PackIngestEntryTable _entries;
    private readonly int[] _order;

    /// <summary>Sorts the entry numbers of <paramref name="entries"/> by id.</summary>
    public PackIngestIndexView(PackIngestEntryTable entries)
    {
        _entries = entries;
        _order = new int[entries.Count];
        for (int i = 0; i < _order.Length; i++)
            _order[i] = i;
        Array.Sort(_order, (a, b) => entries.IdBytes(a).SequenceCompareTo(entries.IdBytes(b)));
    }

    /// <summary>The number of entries.</summary>
    public int Count => _order.Length;

    /// <summary>The entry with the <paramref name="index"/>-th smallest id.</summary>
    public (GitObjectId Id, long Offset, uint Crc) this[int index]
    {
        get
        {
            int number = _order[index];
            ref PackIngestEntry entry = ref _entries[number];
            return (_entries.IdOf(number), entry.Offset, entry.Crc);
        }
    }

    /// <summary>The entries in id order.</summary>
    public IEnumerator<(GitObjectId Id, long Offset, uint Crc)> GetEnumerator()
    {
        for (int i = 0; i < _order.Length; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
