using Islet.Store.Git;
using Islet.Store.Git.Refs;
using Islet.Store.Git.Refs.Internal;

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>The refs of a <see cref="BlockDeviceBackend"/>: every change writes a whole new ref table.</summary>
internal sealed class BlockRefStore(BlockDeviceBackend backend) : IRefStore
{
    public GitRefValue? Read(string name) => backend.ReadRef(name);

    public GitObjectId? Resolve(string name) => SymbolicRefResolver.Resolve(name, Read);

    public IReadOnlyList<GitRef> List(string prefix = "refs/") => backend.ListRefs(prefix);

    public bool TryUpdate(string name, GitObjectId? expectedOld, GitObjectId newId) =>
        backend.UpdateRef(name, expectedOld, expectAny: false, GitRefValue.Direct(newId));

    public bool TryDelete(string name, GitObjectId expectedOld) => backend.UpdateRef(name, expectedOld, expectAny: false, null);

    public void SetSymbolic(string name, string target) => backend.UpdateRef(name, null, expectAny: true, GitRefValue.Symbolic(target));
}
