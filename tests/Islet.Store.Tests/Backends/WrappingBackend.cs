using Islet.Store.Backends;
using Islet.Store.Git;

namespace Islet.Store.Tests.Backends;

/// <summary>A backend that passes everything to another; tests override the object store calls they watch or refuse.</summary>
internal abstract class WrappingBackend(IStoreBackend inner) : IStoreBackend, IObjectStore
{
    public IObjectStore Objects => this;

    public IRefStore Refs => inner.Refs;

    public GitHashAlgorithm Algorithm => inner.Objects.Algorithm;

    public virtual bool Contains(GitObjectId id) => inner.Objects.Contains(id);

    public virtual bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content) => inner.Objects.TryRead(id, out type, out content);

    public virtual GitObjectId Write(GitObjectType type, ReadOnlySpan<byte> content) => inner.Objects.Write(type, content);

    public virtual IPackImport BeginPackImport() => inner.Objects.BeginPackImport();

    public IEnumerable<GitObjectId> EnumerateIds() => inner.Objects.EnumerateIds();

    /// <summary>Leaves the inner backend to its owner.</summary>
    public void Dispose()
    {
    }
}
