using System.Buffers.Binary;
using Islet.Store.Backends.BlockDevice.Internal;
using Islet.Store.Git;
using Islet.Store.Git.Internal;
using Islet.Store.Git.Packs;

namespace Islet.Store.Backends.BlockDevice;

public sealed partial class BlockDeviceBackend
{
    /// <summary>
    /// Garbage-collects the log: every object reachable from the refs goes into one new pack, which
    /// with the current ref table becomes the whole live log; unreachable objects are dropped. The
    /// new records go at the start of the log area when they fit before the live log (so the space
    /// the old log used is reused by later appends), else after the log end. Pending deferred
    /// objects stay pending (those already reachable are packed now). Compaction itself needs free
    /// space for the compacted log, so call it while headroom is left (e.g. when
    /// <see cref="CapacityBytes"/> − <see cref="UsedBytes"/> falls below a few times the live
    /// data), not after an update failed with <see cref="BlockStoreError.Full"/>. Crash-safe like any update: until the new head is flushed the
    /// old head and its records are untouched.
    /// </summary>
    /// <returns>The bytes of live log before and after.</returns>
    /// <exception cref="BlockStoreException"><see cref="BlockStoreError.Full"/>: the compacted log fits nowhere (nothing changed);
    /// <see cref="BlockStoreError.Corrupt"/>: a reachable object is missing.</exception>
    public (long Before, long After) Compact()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long before = LiveLogBytes;
            CompactOnce(startOnly: false);
            // Placed after the old log: copy it once more to the start so appends get the whole device back.
            if (_head.LogStart != HeadSlots * (long)_device.SectorSize)
                CompactOnce(startOnly: true);
            return (before, LiveLogBytes);
        }
    }

    private void CompactOnce(bool startOnly)
    {
        var writer = new PackWriter(Algorithm);
        foreach (GitObjectId id in Reachable())
        {
            if (!TryReadObject(id, out GitObjectType type, out byte[] content))
                throw new BlockStoreException(BlockStoreError.Corrupt, $"Object {id} is reachable but missing; nothing was compacted.");
            writer.Add(type, content);
        }
        int sector = _device.SectorSize;
        byte[]? packPayload = null;
        PackIndex? index = null;
        int packLength = 0;
        if (writer.Count > 0)
        {
            (byte[] pack, byte[] indexBytes, _) = writer.Encode();
            packPayload = new byte[8 + pack.Length + indexBytes.Length];
            BinaryPrimitives.WriteInt64BigEndian(packPayload, pack.Length);
            pack.CopyTo(packPayload, 8);
            indexBytes.CopyTo(packPayload, 8 + pack.Length);
            index = PackIndex.Parse(indexBytes, Algorithm);
            packLength = pack.Length;
        }
        byte[] refTable = RefTableCodec.Encode(_refs);
        long size = (packPayload is null ? 0 : BlockRecord.SizeOf(packPayload.Length, sector)) + BlockRecord.SizeOf(refTable.Length, sector);
        long areaStart = HeadSlots * (long)sector;
        if (startOnly && areaStart + size > _head.LogStart)
            return;
        long at = areaStart + size <= _head.LogStart ? areaStart
            : _head.LogEnd + size <= _device.Length ? _head.LogEnd
            : throw new BlockStoreException(BlockStoreError.Full, $"Compaction needs {size} bytes that the live log does not use; the device has none. Nothing was written.");
        var records = new List<(long Offset, byte[] Record)>();
        long offset = at;
        StoredPack? stored = null;
        if (packPayload is not null)
        {
            byte[] record = BlockRecord.Encode(BlockRecordKind.Pack, offset, packPayload, sector);
            records.Add((offset, record));
            stored = new StoredPack(offset, record.Length, packLength, index!);
            offset += record.Length;
        }
        byte[] tableRecord = BlockRecord.Encode(BlockRecordKind.RefTable, offset, refTable, sector);
        records.Add((offset, tableRecord));
        WriteRecordsAndHead(records, at, offset + tableRecord.Length, offset);
        _packs.Clear();
        if (stored is not null)
            _packs.Add(stored);
        _cache.Clear();
        if (index is not null && _pendingObjects.Keys.Any(index.Contains))
        {
            foreach (GitObjectId id in _pendingObjects.Keys.Where(index.Contains).ToList())
                _pendingObjects.Remove(id);
            _pending = new PackWriter(Algorithm);
            foreach (var (_, value) in _pendingObjects)
                _pending.Add(value.Type, value.Content);
        }
    }

    private HashSet<GitObjectId> Reachable() =>
        GitReachability.Walk(_refs.Values.Where(v => !v.IsSymbolic).Select(v => v.Id),
            id => TryReadObject(id, out GitObjectType type, out byte[] content) ? GitObject.Parse(type, content, Algorithm) : null,
            id => new BlockStoreException(BlockStoreError.Corrupt, $"Object {id} is reachable but missing; nothing was compacted."));
}
