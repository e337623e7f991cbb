using Islet.Store.Backends;
using Islet.Store.Git;

namespace Islet.Store.Internal;

/// <summary>
/// Typed reads and writes of Git objects over an <see cref="IObjectStore"/>, with parsed trees and
/// commits cached by id (objects are immutable, so entries never go stale). Thread-safe.
/// </summary>
internal sealed class ObjectCache
{
    private readonly IObjectStore _objects;
    private readonly int _capacity;
    private readonly object _gate = new();
    private readonly Dictionary<GitObjectId, CachedTree> _trees = new();
    private readonly Dictionary<GitObjectId, GitCommit> _commits = new();

    public ObjectCache(IObjectStore objects, int capacity)
    {
        _objects = objects;
        _capacity = Math.Max(16, capacity);
        EmptyTreeId = GitObjectId.Compute(GitObjectType.Tree, [], objects.Algorithm);
    }

    public GitHashAlgorithm Algorithm => _objects.Algorithm;

    public GitObjectId EmptyTreeId { get; }

    /// <exception cref="StoreException"><see cref="StoreError.MissingObject"/> or <see cref="StoreError.NotACommit"/>.</exception>
    public GitCommit ReadCommit(GitObjectId id)
    {
        lock (_gate)
        {
            if (_commits.TryGetValue(id, out GitCommit? cached))
                return cached;
        }
        byte[] content = Read(id, GitObjectType.Commit, StoreError.NotACommit);
        GitCommit commit = GitCommit.Parse(content, Algorithm);
        lock (_gate)
        {
            if (_commits.Count >= _capacity)
                _commits.Clear();
            _commits[id] = commit;
        }
        return commit;
    }

    /// <exception cref="StoreException"><see cref="StoreError.MissingObject"/>, or <see cref="StoreError.NotACommit"/> when the object is not a tree.</exception>
    public CachedTree ReadTree(GitObjectId id)
    {
        lock (_gate)
        {
            if (_trees.TryGetValue(id, out CachedTree? cached))
                return cached;
        }
        var tree = new CachedTree(id, id == EmptyTreeId ? new GitTree([]) : GitTree.Parse(Read(id, GitObjectType.Tree, StoreError.NotACommit), Algorithm));
        lock (_gate)
        {
            if (_trees.Count >= _capacity)
                _trees.Clear();
            _trees[id] = tree;
        }
        return tree;
    }

    public byte[] ReadBlob(GitObjectId id) => Read(id, GitObjectType.Blob, StoreError.CorruptValue);

    public GitObjectId WriteBlob(ReadOnlySpan<byte> content) => _objects.Write(GitObjectType.Blob, content);

    public GitObjectId WriteTree(IEnumerable<GitTreeEntry> entries)
    {
        var tree = new GitTree(entries);
        GitObjectId id = _objects.Write(GitObjectType.Tree, tree.ToBytes());
        var cached = new CachedTree(id, tree);
        lock (_gate)
        {
            if (_trees.Count >= _capacity)
                _trees.Clear();
            _trees[id] = cached;
        }
        return id;
    }

    public GitObjectId WriteCommit(GitCommit commit)
    {
        GitObjectId id = _objects.Write(GitObjectType.Commit, commit.ToBytes());
        lock (_gate)
            _commits[id] = commit;
        return id;
    }

    public bool Contains(GitObjectId id) => _objects.Contains(id);

    public GitObjectId WriteRaw(GitObjectType type, ReadOnlySpan<byte> content) => _objects.Write(type, content);

    /// <summary>Caches a tree written through a batch (its id is its content's, so the entry is right whenever it is stored).</summary>
    public void Remember(CachedTree cached)
    {
        lock (_gate)
        {
            if (_trees.Count >= _capacity)
                _trees.Clear();
            _trees[cached.Id] = cached;
        }
    }

    /// <summary>Makes sure the empty tree is stored (git expects a commit's tree to exist).</summary>
    public GitObjectId WriteEmptyTree() => _objects.Write(GitObjectType.Tree, []);

    private byte[] Read(GitObjectId id, GitObjectType expected, StoreError wrongType)
    {
        if (id.Bytes.Length != GitObjectId.LengthOf(Algorithm))
            throw new StoreException(StoreError.MissingObject, $"'{id}' is not a {Algorithm} object id.");
        if (!_objects.TryRead(id, out GitObjectType type, out byte[] content))
            throw new StoreException(StoreError.MissingObject, $"Object {id} is not in the store.");
        if (type != expected)
            throw new StoreException(wrongType, $"Object {id} is a {GitObjectId.TypeName(type)}, not a {GitObjectId.TypeName(expected)}.");
        return content;
    }
}
