namespace Islet.Store.Backends.BlockDevice;

/// <summary>Tuning for a <see cref="BlockDeviceBackend"/>.</summary>
public sealed record BlockDeviceStoreOptions
{
    /// <summary>
    /// False (the default) keeps <see cref="IObjectStore.Write"/>'s contract: every new object goes
    /// out at once as a one-object pack record and a new head. True batches: new objects are kept
    /// in memory (readable at once) and go out as one pack with the next ref update,
    /// <see cref="BlockDeviceBackend.Flush"/> or dispose, so an object is durable only then — the
    /// usual pattern (objects, then the ref naming them) loses nothing that was acknowledged.
    /// </summary>
    public bool DeferObjectWrites { get; init; }

    /// <summary>The most pack bytes kept in memory for reads (whole packs, least recently used dropped first); default 64 MiB.</summary>
    public long PackCacheBytes { get; init; } = 64L << 20;
}
