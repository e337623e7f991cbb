using Islet.Store.Git;
using Islet.Store.Git.Packs;

namespace Islet.Store.Internal;

/// <summary>
/// The new objects of one commit, held back until <see cref="Flush"/>: a few are written one by
/// one; many (a bulk transaction) go to the backend as ONE pack, which costs one durable write
/// instead of one per object. Not thread-safe (one per commit).
/// </summary>
internal sealed class ObjectBatch
{
    /// <summary>From this many new objects on, a batch is written as a pack (when the backend can take one).</summary>
    public const int PackThreshold = 256;

    private readonly ObjectCache _cache;
    private readonly Func<PackWriter, bool> _importPack;
    private readonly List<(GitObjectId Id, GitObjectType Type, byte[] Content)> _pending = new();
    private readonly HashSet<GitObjectId> _seen = new();
    private readonly Dictionary<GitObjectId, CachedTree> _stagedTrees = new();

    public ObjectBatch(ObjectCache cache, Func<PackWriter, bool> importPack)
    {
        _cache = cache;
        _importPack = importPack;
    }

    public GitObjectId WriteBlob(byte[] content) => Stage(GitObjectType.Blob, content);

    /// <summary>Stages the tree of <paramref name="byName"/> (entries keyed by their names), which the batch keeps as the tree's index.</summary>
    public GitObjectId WriteTree(Dictionary<string, GitTreeEntry> byName)
    {
        var tree = GitTree.FromDistinct([.. byName.Values]);
        GitObjectId id = Stage(GitObjectType.Tree, tree.ToBytes());
        var cached = new CachedTree(id, tree, byName);
        _stagedTrees[id] = cached;
        _cache.Remember(cached);
        return id;
    }

    /// <summary>How many new objects wait for <see cref="Flush"/>.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>A tree, staged here or stored (staged trees are readable before they are flushed).</summary>
    public CachedTree ReadTree(GitObjectId id) => _stagedTrees.TryGetValue(id, out CachedTree? staged) ? staged : _cache.ReadTree(id);

    public GitObjectId WriteCommit(GitCommit commit) => Stage(GitObjectType.Commit, commit.ToBytes());

    /// <summary>Stores everything staged; durable when it returns.</summary>
    public void Flush()
    {
        if (_pending.Count >= PackThreshold)
        {
            var writer = new PackWriter(_cache.Algorithm, window: 0, maxDepth: 0, System.IO.Compression.CompressionLevel.Fastest);
            foreach ((GitObjectId id, GitObjectType type, byte[] content) in _pending)
                writer.AddKnown(id, type, content);
            if (_importPack(writer))
            {
                _pending.Clear();
                _stagedTrees.Clear();
                return;
            }
        }
        foreach ((_, GitObjectType type, byte[] content) in _pending)
            _cache.WriteRaw(type, content);
        _pending.Clear();
        _stagedTrees.Clear();
    }

    private GitObjectId Stage(GitObjectType type, byte[] content)
    {
        GitObjectId id = GitObjectId.Compute(type, content, _cache.Algorithm);
        if (_seen.Add(id) && !_cache.Contains(id))
            _pending.Add((id, type, content));
        return id;
    }
}
