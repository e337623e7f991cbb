using Islet.Store.Git.Packs;

namespace Islet.Store.Backends;

/// <summary>
/// One incoming pack on its way into an <see cref="IObjectStore"/>. The pack's bytes go to
/// storage as they arrive (so a clone of any size needs no more memory than the indexer's
/// tables), then the indexer reads them back to resolve deltas, may append bases to complete a
/// thin pack, and commits the index. Until <see cref="Commit"/> returns, none of the pack's
/// objects are visible; after it returns they are all readable and durable.
/// </summary>
public interface IPackImport : IDisposable
{
    /// <summary>Readable, writable, seekable storage for the raw pack (<c>PACK</c> header to trailing checksum), empty at first.</summary>
    Stream Data { get; }

    /// <summary>
    /// Publishes the pack in <see cref="Data"/> with <paramref name="index"/>, which must describe
    /// exactly those bytes (its <see cref="PackIndex.PackChecksum"/> is the pack's trailer).
    /// </summary>
    void Commit(PackIndex index);
}
