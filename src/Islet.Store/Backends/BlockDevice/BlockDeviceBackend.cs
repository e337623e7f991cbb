using Islet.Devices;
using Islet.Store.Backends.BlockDevice.Internal;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Refs;

namespace Islet.Store.Backends.BlockDevice;

/// <summary>
/// A store on a raw <see cref="IBlockDevice"/> with no file system, for sealed images: an
/// append-only log of records — Git packs with their idx, and ref tables (the whole ref set) —
/// and a crash-safe head in two alternating slots.
/// </summary>
/// <remarks>
/// <para>Layout: sector 0 and sector 1 are the head slots (<c>ISLHEAD1</c>: generation, log start,
/// log end, the latest ref table's offset, sector size, hash algorithm, SHA-256); the log area
/// starts at sector 2 and the live log is [log start, log end).
/// Each record is a 64-byte header (<c>ISLREC01</c>, kind, its own offset, payload length, SHA-256
/// of header and payload) then the payload, padded to whole sectors.</para>
/// <para>Writes: records are written after the log end, the device is flushed, then the next
/// head goes to the slot not holding the current one (generation + 1) and the device is flushed
/// again. Opening takes the valid head with the highest generation whose log replays intact (else
/// the other one) and ignores everything past its log end, so a crash at any point leaves the
/// last acknowledged state. A write that does not fit throws <see cref="BlockStoreException"/>
/// (<see cref="BlockStoreError.Full"/>) before touching the device.</para>
/// <para>Reads: the idx of every pack is held in memory; pack records are read from the device
/// when needed, checked against their SHA-256, and kept in a cache bounded by
/// <see cref="BlockDeviceStoreOptions.PackCacheBytes"/>.</para>
/// <para>The store contracts are synchronous: device calls are waited for (the project's devices
/// complete synchronously). Instances are thread-safe (one lock). The backend borrows the device.</para>
/// </remarks>
public sealed partial class BlockDeviceBackend : IStoreBackend
{
    private const int HeadSlots = 2;

    private readonly SyncDevice _device;
    private readonly BlockDeviceStoreOptions _options;
    private readonly PackRecordCache _cache;
    private readonly List<StoredPack> _packs = [];
    private readonly Lock _lock = new();
    private Dictionary<string, GitRefValue> _refs = new(StringComparer.Ordinal);
    private BlockHead _head;
    private int _headSlot;
    private ulong _maxGeneration;
    private PackWriter _pending;
    private readonly Dictionary<GitObjectId, (GitObjectType Type, byte[] Content)> _pendingObjects = [];
    private bool _disposed;

    private BlockDeviceBackend(IBlockDevice device, BlockDeviceStoreOptions options, GitHashAlgorithm algorithm)
    {
        _device = new SyncDevice(device);
        _options = options;
        _cache = new PackRecordCache(options.PackCacheBytes);
        Algorithm = algorithm;
        _pending = new PackWriter(algorithm);
        Objects = new BlockObjectStore(this);
        Refs = new BlockRefStore(this);
    }

    /// <inheritdoc/>
    public IObjectStore Objects { get; }

    /// <inheritdoc/>
    public IRefStore Refs { get; }

    /// <summary>The object format, fixed when the device was formatted.</summary>
    public GitHashAlgorithm Algorithm { get; }

    /// <summary>The generation of the head in use (1 right after formatting; one more per published change).</summary>
    public ulong Generation => _head.Generation;

    /// <summary>Where the log ends on the device (bytes); appends go here.</summary>
    public long UsedBytes => _head.LogEnd;

    /// <summary>Bytes of live log (from its start, which <see cref="Compact"/> moves, to its end).</summary>
    public long LiveLogBytes => _head.LogEnd - _head.LogStart;

    /// <summary>Bytes of the device.</summary>
    public long CapacityBytes => _device.Length;

    /// <summary>How many pack records the log holds.</summary>
    public int PackCount
    {
        get { lock (_lock) return _packs.Count; }
    }

    /// <summary>
    /// Makes <paramref name="device"/> an empty store (generation 1: no objects, no refs), replacing
    /// whatever it held, and opens it.
    /// </summary>
    /// <exception cref="BlockStoreException"><see cref="BlockStoreError.Corrupt"/>: fewer than four sectors.</exception>
    public static ValueTask<BlockDeviceBackend> FormatAsync(IBlockDevice device, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1,
        BlockDeviceStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        CheckGeometry(device);
        var backend = new BlockDeviceBackend(device, options ?? new BlockDeviceStoreOptions(), algorithm);
        int sector = device.SectorSize;
        var head = new BlockHead(1, HeadSlots * (long)sector, HeadSlots * (long)sector, BlockHead.NoRefTable, sector, algorithm);
        // Both old heads go first, so a format cut short leaves no store rather than the old one.
        backend._device.Write(0, new byte[HeadSlots * sector]);
        backend._device.Flush();
        byte[] slot = new byte[sector];
        head.Emit(slot);
        backend._device.Write(0, slot);
        backend._device.Flush();
        backend._head = head;
        backend._headSlot = 0;
        backend._maxGeneration = 1;
        return ValueTask.FromResult(backend);
    }

    /// <summary>
    /// Opens the store on <paramref name="device"/>: the newest valid head whose log is intact
    /// (falling back to the other slot), with every pack's index read into memory.
    /// </summary>
    /// <exception cref="BlockStoreException"><see cref="BlockStoreError.NotFormatted"/> when no slot holds a valid head;
    /// <see cref="BlockStoreError.Corrupt"/> when no valid head's log is intact or the geometry is wrong.</exception>
    public static ValueTask<BlockDeviceBackend> OpenAsync(IBlockDevice device, BlockDeviceStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        CheckGeometry(device);
        var sync = new SyncDevice(device);
        var heads = new List<(int Slot, BlockHead Head)>();
        byte[] buffer = new byte[device.SectorSize];
        for (int slot = 0; slot < HeadSlots; slot++)
        {
            sync.Read(slot * (long)device.SectorSize, buffer);
            if (BlockHead.TryParse(buffer, out BlockHead head) && IsPlausible(head, device))
                heads.Add((slot, head));
        }
        if (heads.Count == 0)
            throw new BlockStoreException(BlockStoreError.NotFormatted, "Neither head slot holds a valid head: the device is not formatted as a store, or both heads are damaged.");
        heads.Sort((a, b) => b.Head.Generation.CompareTo(a.Head.Generation));
        BlockStoreException? failure = null;
        foreach ((int slot, BlockHead head) in heads)
        {
            var backend = new BlockDeviceBackend(device, options ?? new BlockDeviceStoreOptions(), head.Algorithm);
            try
            {
                backend.Replay(head);
                backend._head = head;
                backend._headSlot = slot;
                backend._maxGeneration = heads[0].Head.Generation;
                return ValueTask.FromResult(backend);
            }
            catch (BlockStoreException e)
            {
                failure ??= e;
            }
        }
        throw new BlockStoreException(BlockStoreError.Corrupt, $"No head's log is intact: {failure!.Message}");
    }

    /// <summary>Publishes objects written with <see cref="BlockDeviceStoreOptions.DeferObjectWrites"/> that no ref update has carried yet.</summary>
    /// <exception cref="BlockStoreException"><see cref="BlockStoreError.Full"/>: they do not fit (they stay pending).</exception>
    public void Flush()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pendingObjects.Count > 0)
                Publish(importedPack: null, refs: null);
        }
    }

    /// <summary>Publishes pending objects (best effort: a full device drops them) and stops; the device is not disposed.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            try
            {
                if (_pendingObjects.Count > 0)
                    Publish(importedPack: null, refs: null);
            }
            catch (IOException)
            {
                // Unreferenced objects that do not fit are lost, as documented for deferred writes.
            }
            _disposed = true;
            _cache.Clear();
        }
    }

    private static void CheckGeometry(IBlockDevice device)
    {
        if (device.SectorSize < 512 || (device.SectorSize & (device.SectorSize - 1)) != 0 || device.SectorCount < 4)
            throw new BlockStoreException(BlockStoreError.Corrupt, $"A store needs sectors of a power of two of at least 512 bytes and at least four of them (this device: {device.SectorCount} × {device.SectorSize}).");
    }

    private static bool IsPlausible(BlockHead head, IBlockDevice device) =>
        head.SectorSize == device.SectorSize
        && head.LogStart >= HeadSlots * (long)device.SectorSize && head.LogStart % device.SectorSize == 0
        && head.LogEnd >= head.LogStart && head.LogEnd <= device.SectorCount * device.SectorSize && head.LogEnd % device.SectorSize == 0
        && (head.RefTableOffset == BlockHead.NoRefTable || (head.RefTableOffset >= head.LogStart && head.RefTableOffset < head.LogEnd));
}
