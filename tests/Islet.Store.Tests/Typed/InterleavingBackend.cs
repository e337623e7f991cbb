using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Typed;

/// <summary>
/// A backend over another whose next ref update first runs <see cref="BeforeNextUpdate"/> (once):
/// a deterministic way to let another writer win the race between a store's read of a branch
/// and its compare-and-swap.
/// </summary>
internal sealed class InterleavingBackend : IStoreBackend, IRefStore
{
    private readonly IStoreBackend _inner;

    public InterleavingBackend(IStoreBackend inner) => _inner = inner;

    public Action? BeforeNextUpdate { get; set; }

    public int FailedUpdates { get; private set; }

    public IObjectStore Objects => _inner.Objects;

    public IRefStore Refs => this;

    public GitRefValue? Read(string name) => _inner.Refs.Read(name);

    public GitObjectId? Resolve(string name) => _inner.Refs.Resolve(name);

    public IReadOnlyList<GitRef> List(string prefix = "refs/") => _inner.Refs.List(prefix);

    public bool TryUpdate(string name, GitObjectId? expectedOld, GitObjectId newId)
    {
        Action? before = BeforeNextUpdate;
        BeforeNextUpdate = null;
        before?.Invoke();
        bool updated = _inner.Refs.TryUpdate(name, expectedOld, newId);
        if (!updated)
            FailedUpdates++;
        return updated;
    }

    public bool TryDelete(string name, GitObjectId expectedOld) => _inner.Refs.TryDelete(name, expectedOld);

    public void SetSymbolic(string name, string target) => _inner.Refs.SetSymbolic(name, target);

    public void Dispose() => _inner.Dispose();
}
