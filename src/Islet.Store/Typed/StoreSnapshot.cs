using Islet.Store.Git;
using Islet.Store.Internal;
using Islet.Store.Merge;

namespace Islet.Store;

/// <summary>
/// An immutable view of one tree (a commit's, usually): reads never change, whatever happens to
/// branches afterwards. Values are the regular-file blobs; directories are trees; symlinks and
/// gitlinks are listed but hold no value.
/// </summary>
public sealed class StoreSnapshot<T>
{
    private readonly ObjectCache _cache;
    private readonly IContentType<T> _type;

    internal StoreSnapshot(ObjectCache cache, IContentType<T> type, GitObjectId? commit, GitObjectId tree)
    {
        _cache = cache;
        _type = type;
        Commit = commit;
        Tree = tree;
    }

    /// <summary>The commit this snapshot is of; null for a bare tree.</summary>
    public GitObjectId? Commit { get; }

    /// <summary>The root tree.</summary>
    public GitObjectId Tree { get; }

    /// <summary>The value at <paramref name="path"/>, or None when there is none (absent, or a directory).</summary>
    /// <exception cref="StoreException"><see cref="StoreError.CorruptValue"/> when the blob does not decode; <see cref="StoreError.MissingObject"/>.</exception>
    public Optional<T> Find(StorePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.IsRoot ? Optional<T>.None : ValueReader.ValueOf(_cache, _type, path, TreeEditor.Find(_cache, Tree, path));
    }

    /// <summary>The value at <paramref name="path"/>; false when there is none.</summary>
    public bool TryGet(StorePath path, out T value)
    {
        Optional<T> found = Find(path);
        value = found.HasValue ? found.Value : default!;
        return found.HasValue;
    }

    /// <summary>The value at <paramref name="path"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no value there.</exception>
    public T Get(StorePath path) =>
        TryGet(path, out T value) ? value : throw new KeyNotFoundException($"No value at '{path}'.");

    /// <summary>Whether <paramref name="path"/> is a directory (the root always is).</summary>
    public bool IsDirectory(StorePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TreeEditor.Find(_cache, Tree, path) is { IsDirectory: true };
    }

    /// <summary>The children of the directory at <paramref name="path"/> in Git's tree order; empty when it is not a directory.</summary>
    public IReadOnlyList<StoreEntry> List(StorePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (TreeEditor.Find(_cache, Tree, path) is not { IsDirectory: true } directory)
            return [];
        return _cache.ReadTree(directory.Id).Tree.Entries.Select(e => new StoreEntry(e.NameText, e.IsDirectory, e.Id)).ToArray();
    }

    /// <summary>Every value at or under <paramref name="under"/> (default: all), depth first in Git's tree order.</summary>
    public IEnumerable<KeyValuePair<StorePath, T>> Walk(StorePath? under = null)
    {
        StorePath start = under ?? StorePath.Root;
        GitTreeEntry? entry = TreeEditor.Find(_cache, Tree, start);
        if (entry is null)
            yield break;
        var pending = new Stack<(StorePath Path, GitTreeEntry Entry)>();
        pending.Push((start, entry));
        while (pending.Count > 0)
        {
            (StorePath path, GitTreeEntry current) = pending.Pop();
            if (!current.IsDirectory)
            {
                Optional<T> value = ValueReader.ValueOf(_cache, _type, path, current);
                if (value.HasValue)
                    yield return new(path, value.Value);
                continue;
            }
            IReadOnlyList<GitTreeEntry> children = _cache.ReadTree(current.Id).Tree.Entries;
            for (int i = children.Count - 1; i >= 0; i--)
                pending.Push((path.Append(children[i].NameText), children[i]));
        }
    }
}
