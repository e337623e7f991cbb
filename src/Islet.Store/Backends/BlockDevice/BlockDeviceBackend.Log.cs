using System.Buffers.Binary;
using Islet.Store.Backends.BlockDevice.Internal;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;
using Islet.Store.Git.Refs;

namespace Islet.Store.Backends.BlockDevice;

public sealed partial class BlockDeviceBackend
{
    /// <summary>Reads every record below <paramref name="head"/>'s log end: pack indexes into memory, the ref table it names.</summary>
    /// <exception cref="BlockStoreException"><see cref="BlockStoreError.Corrupt"/>: a damaged record.</exception>
    private void Replay(BlockHead head)
    {
        long offset = head.LogStart;
        bool refTableSeen = head.RefTableOffset == BlockHead.NoRefTable;
        while (offset < head.LogEnd)
        {
            (BlockRecordKind kind, byte[] payload, long length) = ReadRecord(offset, head.LogEnd);
            if (kind == BlockRecordKind.Pack)
            {
                (int packLength, PackIndex index) = ParsePackPayload(payload, offset);
                _packs.Add(new StoredPack(offset, length, packLength, index));
            }
            else if (offset == head.RefTableOffset)
            {
                _refs = RefTableCodec.Decode(payload, head.Algorithm);
                refTableSeen = true;
            }
            offset += length;
        }
        if (offset != head.LogEnd || !refTableSeen)
            throw new BlockStoreException(BlockStoreError.Corrupt, $"The head's log end ({head.LogEnd}) or ref table ({head.RefTableOffset}) is not at a record boundary.");
    }

    /// <summary>Reads and checks the record at <paramref name="offset"/>: its kind, payload and whole length.</summary>
    private (BlockRecordKind Kind, byte[] Payload, long Length) ReadRecord(long offset, long limit)
    {
        int sector = _device.SectorSize;
        byte[] first = new byte[sector];
        _device.Read(offset, first);
        if (!BlockRecord.TryParseHeader(first, offset, limit, out BlockRecordKind kind, out long payloadLength))
            throw new BlockStoreException(BlockStoreError.Corrupt, $"The record at byte {offset} has a bad header (a torn or foreign write).");
        long length = BlockRecord.SizeOf(payloadLength, sector);
        if (length > int.MaxValue)
            throw new BlockStoreException(BlockStoreError.Corrupt, $"The record at byte {offset} is larger than 2 GiB.");
        byte[] record = new byte[length];
        first.CopyTo(record, 0);
        if (length > sector)
            _device.Read(offset + sector, record.AsMemory(sector));
        ReadOnlySpan<byte> payload = record.AsSpan(BlockRecord.HeaderSize, (int)payloadLength);
        if (!BlockRecord.IsIntact(record, payload))
            throw new BlockStoreException(BlockStoreError.Corrupt, $"The record at byte {offset} fails its checksum.");
        return (kind, payload.ToArray(), length);
    }

    private (int PackLength, PackIndex Index) ParsePackPayload(byte[] payload, long offset)
    {
        if (payload.Length < 8)
            throw new BlockStoreException(BlockStoreError.Corrupt, $"The pack record at byte {offset} is too short.");
        long packLength = BinaryPrimitives.ReadInt64BigEndian(payload);
        if (packLength < 0 || packLength > payload.Length - 8)
            throw new BlockStoreException(BlockStoreError.Corrupt, $"The pack record at byte {offset} has a bad pack length.");
        try
        {
            PackIndex index = PackIndex.Parse(payload.AsSpan(8 + (int)packLength).ToArray(), Algorithm);
            if (!payload.AsSpan(8 + (int)packLength - index.PackChecksum.Length, index.PackChecksum.Length).SequenceEqual(index.PackChecksum))
                throw new BlockStoreException(BlockStoreError.Corrupt, $"The pack record at byte {offset}: the idx describes another pack.");
            return ((int)packLength, index);
        }
        catch (GitPackException e)
        {
            throw new BlockStoreException(BlockStoreError.Corrupt, $"The pack record at byte {offset} has a bad idx: {e.Message}");
        }
    }

    /// <summary>The pack of <paramref name="stored"/>, from the cache or read (and checked) from the device.</summary>
    private PackFile LoadPack(StoredPack stored)
    {
        if (_cache.TryGet(stored.RecordOffset, out PackFile pack))
            return pack;
        (_, byte[] payload, _) = ReadRecord(stored.RecordOffset, _head.LogEnd);
        pack = PackFile.Parse(payload.AsSpan(8, stored.PackLength).ToArray(), stored.Index);
        _cache.Add(stored.RecordOffset, pack, stored.PackLength);
        return pack;
    }

    /// <summary>
    /// Appends the pending objects (as one pack), <paramref name="importedPack"/> and the ref table
    /// <paramref name="refs"/> (each when present), flushes, writes and flushes the next head, then
    /// updates the in-memory state. On any exception the in-memory state is unchanged and the
    /// device's valid head still names the previous state.
    /// </summary>
    private void Publish((byte[] Pack, PackIndex Index)? importedPack, Dictionary<string, GitRefValue>? refs)
    {
        int sector = _device.SectorSize;
        long offset = _head.LogEnd;
        var records = new List<(long Offset, byte[] Record)>();
        var newPacks = new List<StoredPack>();
        void AddPack(byte[] pack, byte[] index, PackIndex parsed)
        {
            byte[] record = BlockRecord.EncodePack(offset, pack, index, sector);
            records.Add((offset, record));
            newPacks.Add(new StoredPack(offset, record.Length, pack.Length, parsed));
            offset += record.Length;
        }
        if (_pendingObjects.Count > 0)
        {
            (byte[] pack, byte[] index, _) = _pending.Encode();
            AddPack(pack, index, PackIndex.Parse(index, Algorithm));
        }
        if (importedPack is { } imported)
        {
            var entries = Enumerable.Range(0, imported.Index.Count).Select(i => (imported.Index.IdAt(i), imported.Index.OffsetAt(i), imported.Index.Crc32At(i))).ToList();
            AddPack(imported.Pack, PackIndexEncoder.Encode(entries, imported.Index.PackChecksum, Algorithm), imported.Index);
        }
        long refTableOffset = _head.RefTableOffset;
        if (refs is not null)
        {
            byte[] record = BlockRecord.Encode(BlockRecordKind.RefTable, offset, RefTableCodec.Encode(refs), sector);
            records.Add((offset, record));
            refTableOffset = offset;
            offset += record.Length;
        }
        if (offset > _device.Length)
            throw new BlockStoreException(BlockStoreError.Full, $"The device is full: this change needs {offset - _head.LogEnd} bytes and {_device.Length - _head.LogEnd} are left. Nothing was written.");
        WriteRecordsAndHead(records, _head.LogStart, offset, refTableOffset);
        _packs.AddRange(newPacks);
        if (refs is not null)
            _refs = refs;
        if (_pendingObjects.Count > 0)
        {
            _pendingObjects.Clear();
            _pending = new PackWriter(Algorithm);
        }
    }

    /// <summary>Writes the records, flushes, writes the next head to the other slot, flushes, and makes that head current.</summary>
    private void WriteRecordsAndHead(List<(long Offset, byte[] Record)> records, long logStart, long logEnd, long refTableOffset)
    {
        int sector = _device.SectorSize;
        foreach ((long at, byte[] record) in records)
            _device.Write(at, record);
        _device.Flush();
        var head = new BlockHead(_maxGeneration + 1, logStart, logEnd, refTableOffset, sector, Algorithm);
        byte[] slot = new byte[sector];
        head.Emit(slot);
        int headSlot = 1 - _headSlot;
        _device.Write(headSlot * (long)sector, slot);
        _device.Flush();
        _head = head;
        _headSlot = headSlot;
        _maxGeneration = head.Generation;
    }
}
