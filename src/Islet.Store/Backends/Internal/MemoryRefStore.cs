using Islet.Store.Git.Refs.Internal;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Backends.Internal;

/// <summary>Refs in a sorted dictionary under one lock, with the same compare-and-swap contract as <see cref="RefStore"/>.</summary>
internal sealed class MemoryRefStore : IRefStore
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, GitRefValue> _refs = new(StringComparer.Ordinal);
    private readonly GitHashAlgorithm _algorithm;

    public MemoryRefStore(GitHashAlgorithm algorithm) => _algorithm = algorithm;

    public GitRefValue? Read(string name)
    {
        GitRefName.Check(name);
        lock (_gate)
            return _refs.TryGetValue(name, out GitRefValue value) ? value : null;
    }

    public GitObjectId? Resolve(string name) => SymbolicRefResolver.Resolve(name, Read);

    public IReadOnlyList<GitRef> List(string prefix = "refs/")
    {
        lock (_gate)
            return _refs.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(kv => new GitRef(kv.Key, kv.Value, null)).ToArray();
    }

    public bool TryUpdate(string name, GitObjectId? expectedOld, GitObjectId newId)
    {
        GitRefName.Check(name);
        if (newId.Bytes.Length != GitObjectId.LengthOf(_algorithm))
            throw new ArgumentException($"The new id is not a {_algorithm} id.", nameof(newId));
        lock (_gate)
        {
            bool exists = _refs.TryGetValue(name, out GitRefValue current);
            bool matches = expectedOld is null ? !exists : exists && !current.IsSymbolic && current.Id == expectedOld.Value;
            if (!matches)
                return false;
            if (!exists && _refs.Keys.Any(k => k.StartsWith(name + "/", StringComparison.Ordinal) || name.StartsWith(k + "/", StringComparison.Ordinal)))
                throw new GitRefException(GitRefError.NameConflict, $"Ref '{name}' would sit inside or above an existing ref.");
            _refs[name] = GitRefValue.Direct(newId);
            return true;
        }
    }

    public bool TryDelete(string name, GitObjectId expectedOld)
    {
        GitRefName.Check(name);
        lock (_gate)
        {
            if (!_refs.TryGetValue(name, out GitRefValue current) || current.IsSymbolic || current.Id != expectedOld)
                return false;
            return _refs.Remove(name);
        }
    }

    public void SetSymbolic(string name, string target)
    {
        GitRefName.Check(name);
        GitRefName.Check(target);
        lock (_gate)
            _refs[name] = GitRefValue.Symbolic(target);
    }
}
