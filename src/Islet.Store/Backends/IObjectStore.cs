using Islet.Store.Git;

namespace Islet.Store.Backends;

/// <summary>
/// Where a store keeps its Git objects. Objects are immutable and named by their id, so every
/// operation is idempotent: writing an object that is already stored does nothing.
/// </summary>
/// <remarks>
/// Implementations: <see cref="GitObjectDatabase"/> (a <c>.git</c> directory), the in-memory
/// backend and the block-device pack log. All are used from one thread (the event loop) unless
/// they say otherwise. Reads of damaged storage throw <see cref="GitFormatException"/> or
/// <see cref="Git.Packs.GitPackException"/>; they never return wrong bytes.
/// </remarks>
public interface IObjectStore
{
    /// <summary>The object format; every id passed in must be of this algorithm.</summary>
    GitHashAlgorithm Algorithm { get; }

    /// <summary>Whether the object is stored.</summary>
    bool Contains(GitObjectId id);

    /// <summary>Reads an object's type and contents (without the <c>TYPE SIZE\0</c> header); false when it is not stored.</summary>
    bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content);

    /// <summary>Stores an object (contents without the header) and returns its id. Durable when the call returns.</summary>
    GitObjectId Write(GitObjectType type, ReadOnlySpan<byte> content);

    /// <summary>
    /// Starts taking a whole pack (from a fetch, a push or a bulk import). The caller writes the raw
    /// pack to <see cref="IPackImport.Data"/>, indexes it, and calls <see cref="IPackImport.Commit"/>;
    /// disposing without committing discards it and leaves the store unchanged.
    /// </summary>
    IPackImport BeginPackImport();

    /// <summary>Every stored id (loose and packed; an id may appear more than once). For fsck, GC and tests.</summary>
    IEnumerable<GitObjectId> EnumerateIds();

    /// <summary>
    /// The zlib stream <paramref name="id"/> is stored as in a pack, when it is stored there whole, so
    /// that a pack being sent can carry those bytes as they are (git's pack reuse: no inflate, no
    /// deflate, no delta search). False when the store has no such stream for it (a loose object, a
    /// delta, a store without packs): the caller then reads the object with <see cref="TryRead"/>.
    /// </summary>
    /// <param name="id">The object.</param>
    /// <param name="type">Its type.</param>
    /// <param name="size">Its size when inflated.</param>
    /// <param name="deflated">The zlib stream, checked against the CRC32 its pack index records.</param>
    bool TryReadStoredEntry(GitObjectId id, out GitObjectType type, out long size, out byte[] deflated)
    {
        type = default;
        size = 0;
        deflated = [];
        return false;
    }
}
