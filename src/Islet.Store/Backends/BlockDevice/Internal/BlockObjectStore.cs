using Islet.Store.Git;

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>The objects of a <see cref="BlockDeviceBackend"/>.</summary>
internal sealed class BlockObjectStore(BlockDeviceBackend backend) : IObjectStore
{
    public GitHashAlgorithm Algorithm => backend.Algorithm;

    public bool Contains(GitObjectId id) => backend.ContainsObject(id);

    public bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content) => backend.TryReadObject(id, out type, out content);

    public GitObjectId Write(GitObjectType type, ReadOnlySpan<byte> content) => backend.WriteObject(type, content);

    public IPackImport BeginPackImport() => new BlockPackImport(backend);

    public IEnumerable<GitObjectId> EnumerateIds() => backend.EnumerateObjectIds();

    public bool TryReadStoredEntry(GitObjectId id, out GitObjectType type, out long size, out byte[] deflated) =>
        backend.TryReadStoredEntry(id, out type, out size, out deflated);
}
