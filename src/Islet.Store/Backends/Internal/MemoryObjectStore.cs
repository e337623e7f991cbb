using Islet.Store.Git;
using Islet.Store.Git.Packs;

namespace Islet.Store.Backends.Internal;

/// <summary>Objects in a dictionary, plus whole packs kept in memory; thread-safe (one lock).</summary>
internal sealed class MemoryObjectStore : IObjectStore
{
    private readonly object _gate = new();
    private readonly Dictionary<GitObjectId, (GitObjectType Type, byte[] Content)> _objects = new();
    private readonly List<PackFile> _packs = new();

    public MemoryObjectStore(GitHashAlgorithm algorithm) => Algorithm = algorithm;

    public GitHashAlgorithm Algorithm { get; }

    public bool Contains(GitObjectId id)
    {
        lock (_gate)
            return _objects.ContainsKey(id) || _packs.Any(p => p.Contains(id));
    }

    public bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content)
    {
        lock (_gate)
        {
            if (_objects.TryGetValue(id, out var stored))
            {
                type = stored.Type;
                content = (byte[])stored.Content.Clone();
                return true;
            }

            foreach (PackFile pack in _packs)
            {
                if (pack.TryRead(id, out type, out content))
                    return true;
            }
        }

        type = default;
        content = [];
        return false;
    }

    public GitObjectId Write(GitObjectType type, ReadOnlySpan<byte> content)
    {
        GitObjectId id = GitObjectId.Compute(type, content, Algorithm);
        byte[] copy = content.ToArray();
        lock (_gate)
            _objects.TryAdd(id, (type, copy));
        return id;
    }

    public IPackImport BeginPackImport() => new MemoryPackImport(this);

    public IEnumerable<GitObjectId> EnumerateIds()
    {
        lock (_gate)
            return _objects.Keys.Concat(_packs.SelectMany(p => p.Ids)).ToArray();
    }

    internal void AddPack(PackFile pack)
    {
        lock (_gate)
            _packs.Add(pack);
    }
}
