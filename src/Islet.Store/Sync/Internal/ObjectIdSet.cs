using System.Buffers.Binary;
using Islet.Store.Git;

namespace Islet.Store.Sync.Internal;

/// <summary>
/// A set of object ids for walks over a whole repository: the ids' raw bytes in one flat array with
/// open addressing (linear probing, at most 7/8 full) and a bitmap of used slots, so an id costs
/// about 23 bytes (SHA-1) instead of a hash set's 44 or more. Ids of another length than the
/// store's go to a small ordinary set. Not thread-safe.
/// </summary>
internal sealed class ObjectIdSet
{
    private readonly int _idLength;
    private readonly HashSet<GitObjectId> _others = [];
    private byte[] _ids = [];
    private ulong[] _used = [];
    private int _capacity;
    private int _count;

    /// <summary>An empty set of ids of <paramref name="algorithm"/>'s length, with room for about <paramref name="expected"/> without growing.</summary>
    public ObjectIdSet(GitHashAlgorithm algorithm, int expected)
    {
        _idLength = GitObjectId.LengthOf(algorithm);
        Allocate(Math.Max(16, expected + expected / 7 + 1));
    }

    /// <summary>Adds <paramref name="id"/>; false when it was already there.</summary>
    public bool Add(GitObjectId id)
    {
        ReadOnlySpan<byte> bytes = id.Bytes;
        if (bytes.Length != _idLength)
            return _others.Add(id);
        if (_count + 1 > _capacity - _capacity / 8)
            Grow();
        return Insert(bytes);
    }

    /// <summary>Whether <paramref name="id"/> was added.</summary>
    public bool Contains(GitObjectId id)
    {
        ReadOnlySpan<byte> bytes = id.Bytes;
        if (bytes.Length != _idLength)
            return _others.Contains(id);
        for (int slot = SlotOf(bytes); IsUsed(slot); slot = slot + 1 == _capacity ? 0 : slot + 1)
        {
            if (_ids.AsSpan(slot * _idLength, _idLength).SequenceEqual(bytes))
                return true;
        }
        return false;
    }

    private bool Insert(ReadOnlySpan<byte> bytes)
    {
        int slot = SlotOf(bytes);
        for (; IsUsed(slot); slot = slot + 1 == _capacity ? 0 : slot + 1)
        {
            if (_ids.AsSpan(slot * _idLength, _idLength).SequenceEqual(bytes))
                return false;
        }
        bytes.CopyTo(_ids.AsSpan(slot * _idLength));
        _used[slot >> 6] |= 1UL << slot;
        _count++;
        return true;
    }

    private void Grow()
    {
        byte[] ids = _ids;
        ulong[] used = _used;
        int capacity = _capacity;
        Allocate(checked(capacity * 2));
        for (int slot = 0; slot < capacity; slot++)
        {
            if ((used[slot >> 6] & (1UL << slot)) != 0)
                Insert(ids.AsSpan(slot * _idLength, _idLength));
        }
    }

    private void Allocate(int capacity)
    {
        _capacity = capacity;
        _ids = new byte[checked(capacity * _idLength)];
        _used = new ulong[(capacity + 63) / 64];
        _count = 0;
    }

    private bool IsUsed(int slot) => (_used[slot >> 6] & (1UL << slot)) != 0;

    /// <summary>The first slot to try: ids are hashes, but a remote chooses them, so 16 bytes are mixed rather than a prefix taken.</summary>
    private int SlotOf(ReadOnlySpan<byte> bytes)
    {
        ulong mixed = BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ (BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) * 0x9E3779B97F4A7C15UL);
        return (int)(mixed % (ulong)_capacity);
    }
}
