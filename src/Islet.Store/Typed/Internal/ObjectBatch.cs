using System.IO.Compression;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Internal;

/// <summary>
/// The new objects of one commit, or of a bulk import, held back until <see cref="Flush"/>. A
/// few are written one by one. From <see cref="PackThreshold"/> on (when the backend takes
/// packs) they stream into one pack as they are staged, as <c>git fast-import</c> does: each
/// entry is deflated at once, and a tree written as an edit of another tree of the same pack is
/// stored as a delta against it, so the batch holds compressed entries, not objects, and the
/// whole import costs one durable write per pack. Not thread-safe (one per commit or import).
/// </summary>
internal sealed class ObjectBatch
{
    /// <summary>From this many new objects on, a batch is written as a pack (when the backend can take one).</summary>
    public const int PackThreshold = 256;

    /// <summary>The longest chain of tree deltas (git fast-import's and pack.depth's default).</summary>
    public const int MaxDeltaDepth = 50;

    /// <summary>A streaming pack is due for <see cref="Flush"/> from this many bytes of pack and retained delta bases on (its buffer can be twice that, so a sealed image's memory must allow for it).</summary>
    private const long FlushBytes = 32L * 1024 * 1024;

    private readonly ObjectCache _cache;
    private readonly Action<ReadOnlyMemory<byte>, byte[]>? _importPack;
    private readonly List<(GitObjectId Id, GitObjectType Type, byte[] Content)> _pending = new();
    private readonly HashSet<GitObjectId> _seen = new();
    private readonly Dictionary<GitObjectId, CachedTree> _stagedTrees = new();
    /// <summary>Trees of the streaming pack that a later tree may be a delta of: their content (until a delta of them is written), offset and chain depth.</summary>
    private readonly Dictionary<GitObjectId, TreeBase> _treeBases = new();
    private PackAppender? _pack;
    private long _baseBytes;

    /// <param name="cache">The store's objects.</param>
    /// <param name="importPack">Stores a finished pack and its index durably (throwing <see cref="NotSupportedException"/> when the backend takes no packs); null to write every object one by one.</param>
    public ObjectBatch(ObjectCache cache, Action<ReadOnlyMemory<byte>, byte[]>? importPack)
    {
        _cache = cache;
        _importPack = importPack;
    }

    public GitObjectId WriteBlob(byte[] content) => Stage(GitObjectType.Blob, content);

    /// <summary>
    /// Stages the tree of <paramref name="sorted"/> (entries in Git's order, distinct; the batch keeps
    /// the array), made by editing <paramref name="editedFrom"/> when that is not null.
    /// </summary>
    public GitObjectId WriteTree(GitTreeEntry[] sorted, GitObjectId? editedFrom)
    {
        var tree = GitTree.FromSorted(sorted);
        byte[] content = tree.ToBytes();
        GitObjectId id = GitObjectId.Compute(GitObjectType.Tree, content, _cache.Algorithm);
        _stagedTrees.TryAdd(id, new CachedTree(id, tree));
        if (!_seen.Add(id))
            return id;
        if (_pack is null)
        {
            Hold(id, GitObjectType.Tree, content);
            return id;
        }
        long offset;
        int depth = 0;
        if (editedFrom is GitObjectId from && _treeBases.TryGetValue(from, out TreeBase? basis) && basis.Content is byte[] baseContent
            && basis.Depth < MaxDeltaDepth
            && PackDeltaEncoder.EncodeAroundChange(baseContent, content, content.Length / 2) is byte[] delta)
        {
            offset = _pack.AppendDelta(id, basis.Offset, delta);
            depth = basis.Depth + 1;
            // The base's next version is written: a later edit starts from that one, so the base's
            // content and parsed form are let go (ReadTree flushes should it be wanted again).
            basis.Content = null;
            _baseBytes -= baseContent.Length;
            _stagedTrees.Remove(from);
        }
        else
        {
            offset = _pack.AppendWhole(id, GitObjectType.Tree, content);
        }
        _treeBases[id] = new TreeBase(content, offset, depth);
        _baseBytes += content.Length;
        return id;
    }

    /// <summary>How many new objects wait for <see cref="Flush"/>.</summary>
    public int PendingCount => _pending.Count + (_pack?.Count ?? 0);

    /// <summary>True when a streaming pack has grown big enough that it should be written out.</summary>
    public bool ShouldFlush => _pack is not null && _pack.Length + _baseBytes >= FlushBytes;

    /// <summary>A tree, staged here or stored (staged trees are readable before they are flushed).</summary>
    /// <remarks>
    /// A tree replaced by its next version is no longer held parsed; should an edit still start
    /// from it (the same subtree at two paths), the batch is flushed first so the store has it.
    /// </remarks>
    public CachedTree ReadTree(GitObjectId id)
    {
        if (_stagedTrees.TryGetValue(id, out CachedTree? staged))
            return staged;
        if (_seen.Contains(id))
            Flush();
        return _cache.ReadTree(id);
    }

    public GitObjectId WriteCommit(GitCommit commit) => Stage(GitObjectType.Commit, commit.ToBytes());

    /// <summary>Stores everything staged; durable when it returns. The batch can be used again afterwards.</summary>
    public void Flush()
    {
        if (_pack is not null)
        {
            (ReadOnlyMemory<byte> pack, byte[] index) = _pack.Finish();
            try
            {
                _importPack!(pack, index);
            }
            catch (NotSupportedException)
            {
                // A backend that takes no packs gets the pack's objects one by one.
                PackFile file = PackFile.Parse(pack.ToArray(), PackIndex.Parse(index, _cache.Algorithm));
                foreach (GitObjectId id in file.Ids)
                {
                    file.TryRead(id, out GitObjectType type, out byte[] content);
                    _cache.WriteRaw(type, content);
                }
            }
        }
        else
        {
            foreach ((_, GitObjectType type, byte[] content) in _pending)
                _cache.WriteRaw(type, content);
            // Few trees (one commit's): keep them parsed for the next commit's reads.
            foreach (CachedTree tree in _stagedTrees.Values)
                _cache.Remember(tree);
        }
        _pending.Clear();
        _seen.Clear();
        _stagedTrees.Clear();
        _treeBases.Clear();
        _pack = null;
        _baseBytes = 0;
    }

    private GitObjectId Stage(GitObjectType type, byte[] content)
    {
        GitObjectId id = GitObjectId.Compute(type, content, _cache.Algorithm);
        if (!_seen.Add(id))
            return id;
        if (_pack is null)
            Hold(id, type, content);
        else
            _pack.AppendWhole(id, type, content);
        return id;
    }

    /// <summary>Keeps an object for writing one by one, or, once there are many, starts the streaming pack with all of them.</summary>
    private void Hold(GitObjectId id, GitObjectType type, byte[] content)
    {
        if (_cache.Contains(id))
            return;
        _pending.Add((id, type, content));
        if (_importPack is null || _pending.Count < PackThreshold)
            return;
        _pack = new PackAppender(_cache.Algorithm, CompressionLevel.Fastest);
        foreach ((GitObjectId heldId, GitObjectType heldType, byte[] heldContent) in _pending)
            _pack.AppendWhole(heldId, heldType, heldContent);
        _pending.Clear();
    }

    private sealed class TreeBase(byte[] content, long offset, int depth)
    {
        public byte[]? Content { get; set; } = content;
        public long Offset { get; } = offset;
        public int Depth { get; } = depth;
    }
}
