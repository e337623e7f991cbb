using Islet.Store.Git;
using Islet.Store.Merge;

namespace Islet.Store.Internal;

/// <summary>
/// Three-way merge of trees, path by path: a side that did not change a path takes the other's
/// version; subtrees changed on both sides merge recursively; values changed on both sides merge
/// with the content type's <see cref="IMerge{T}"/> — even when both made the same change, since a
/// merge need not be idempotent (two increments of a counter are two). Conflicting paths keep our version in the
/// written tree and are reported.
/// </summary>
internal sealed class TreeMerger<T>
{
    private readonly ObjectCache _cache;
    private readonly IContentType<T> _type;
    private readonly List<StoreConflict<T>> _conflicts = new();

    public TreeMerger(ObjectCache cache, IContentType<T> type)
    {
        _cache = cache;
        _type = type;
    }

    public IReadOnlyList<StoreConflict<T>> Conflicts => _conflicts;

    /// <summary>The merged root tree (always stored).</summary>
    public GitObjectId MergeRoots(GitObjectId? baseTree, GitObjectId ours, GitObjectId theirs)
    {
        GitObjectId result = Merge(StorePath.Root, baseTree, ours, theirs) ?? _cache.WriteEmptyTree();
        _conflicts.Sort((a, b) => a.Path.CompareTo(b.Path));
        return result;
    }

    private GitObjectId? Merge(StorePath at, GitObjectId? baseTree, GitObjectId? ours, GitObjectId? theirs)
    {
        // Identical sides are not short-cut unless the base agrees: merges need not be idempotent
        // (two counter increments of one are two), so a change made on both sides still merges.
        if (baseTree == theirs)
            return ours;
        if (baseTree == ours)
            return theirs;
        Dictionary<string, GitTreeEntry> b = Entries(baseTree), o = Entries(ours), t = Entries(theirs);
        var names = new SortedSet<string>(b.Keys, StringComparer.Ordinal);
        names.UnionWith(o.Keys);
        names.UnionWith(t.Keys);
        var result = new List<GitTreeEntry>(names.Count);
        foreach (string name in names)
        {
            b.TryGetValue(name, out GitTreeEntry? eb);
            o.TryGetValue(name, out GitTreeEntry? eo);
            t.TryGetValue(name, out GitTreeEntry? et);
            GitTreeEntry? merged = MergeEntry(at.Append(name), eb, eo, et);
            if (merged is not null)
                result.Add(merged);
        }
        return result.Count == 0 ? null : _cache.WriteTree(result);
    }

    private GitTreeEntry? MergeEntry(StorePath path, GitTreeEntry? eb, GitTreeEntry? eo, GitTreeEntry? et)
    {
        if (Same(eb, et))
            return eo;
        if (Same(eb, eo))
            return et;
        if (eo is null && et is null)
            return null;
        bool oursDir = eo is { IsDirectory: true }, theirsDir = et is { IsDirectory: true };
        if ((eo is null || oursDir) && (et is null || theirsDir))
        {
            GitObjectId? sub = Merge(path, eb is { IsDirectory: true } ? eb.Id : null, eo?.Id, et?.Id);
            return sub is GitObjectId id ? new GitTreeEntry(GitTreeEntry.Directory, path.Name, id) : null;
        }
        if (oursDir || theirsDir)
            return Conflict(path, StoreConflictKind.ValueAndDirectory, eb, eo, et, null);
        if (Same(eo, et) && !IsValue(eo))
            return eo;
        if (!IsValue(eo) || !IsValue(et))
            return Conflict(path, StoreConflictKind.NotAValue, eb, eo, et, null);
        if (eo is null || et is null)
            return Conflict(path, StoreConflictKind.RemovedAndChanged, eb, eo, et, null);
        Optional<T> baseValue = Value(path, eb);
        MergeResult<T> merged = _type.Merge.Merge(baseValue, Value(path, eo).Value, Value(path, et).Value);
        if (!merged.IsOk)
            return Conflict(path, StoreConflictKind.ValuesConflict, eb, eo, et, merged.Conflict);
        GitObjectId blob = _cache.WriteBlob(_type.Encode(merged.Value));
        return new GitTreeEntry(eo.Mode, path.Name, blob);
    }

    private GitTreeEntry? Conflict(StorePath path, StoreConflictKind kind, GitTreeEntry? eb, GitTreeEntry? eo, GitTreeEntry? et, MergeConflict? valueConflict)
    {
        _conflicts.Add(new StoreConflict<T>(path, kind, Value(path, eb), Value(path, eo), Value(path, et), valueConflict));
        return eo;
    }

    private Optional<T> Value(StorePath path, GitTreeEntry? entry) => ValueReader.ValueOf(_cache, _type, path, entry);

    private static bool IsValue(GitTreeEntry? entry) => entry is null or { Mode: GitTreeEntry.RegularFile or GitTreeEntry.ExecutableFile };

    private static bool Same(GitTreeEntry? left, GitTreeEntry? right) =>
        left is null ? right is null : right is not null && left.Id == right.Id && left.Mode == right.Mode;

    private Dictionary<string, GitTreeEntry> Entries(GitObjectId? tree) =>
        tree is GitObjectId id ? _cache.ReadTree(id).ByName : new Dictionary<string, GitTreeEntry>();
}
