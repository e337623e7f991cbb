using Islet.Store.Git;

namespace Islet.Store.Internal;

/// <summary>Reads paths in trees and applies <see cref="TreeChange"/>s, writing only the trees that change.</summary>
internal static class TreeEditor
{
    /// <summary>The entry at <paramref name="path"/> under <paramref name="root"/>, or null when absent (or a value is in the way).</summary>
    public static GitTreeEntry? Find(ObjectCache cache, GitObjectId root, StorePath path)
    {
        if (path.IsRoot)
            return new GitTreeEntry(GitTreeEntry.Directory, "root", root);
        CachedTree tree = cache.ReadTree(root);
        IReadOnlyList<string> segments = path.Segments;
        for (int i = 0; ; i++)
        {
            if (!tree.ByName.TryGetValue(segments[i], out GitTreeEntry? entry))
                return null;
            if (i == segments.Count - 1)
                return entry;
            if (!entry.IsDirectory)
                return null;
            tree = cache.ReadTree(entry.Id);
        }
    }

    /// <summary>The new root tree after <paramref name="change"/>; the empty tree (stored) when nothing is left.</summary>
    public static GitObjectId Apply(ObjectCache cache, ObjectBatch batch, GitObjectId? root, TreeChange change) =>
        ApplyNode(cache, batch, root, change) ?? batch.WriteTree(new Dictionary<string, GitTreeEntry>(StringComparer.Ordinal));

    private static GitObjectId? ApplyNode(ObjectCache cache, ObjectBatch batch, GitObjectId? baseTree, TreeChange change)
    {
        if (change.IsEmpty && baseTree is not null)
            return baseTree;
        Dictionary<string, GitTreeEntry> entries = baseTree is GitObjectId id && !change.ClearBase
            ? new Dictionary<string, GitTreeEntry>(batch.ReadTree(id).ByName, StringComparer.Ordinal)
            : new Dictionary<string, GitTreeEntry>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, TreeChange> pair in change.Children)
        {
            TreeChange child = pair.Value;
            entries.TryGetValue(pair.Key, out GitTreeEntry? existing);
            if (child.IsLeaf)
            {
                if (child.Blob is null)
                {
                    entries.Remove(pair.Key);
                    continue;
                }
                GitObjectId blob = batch.WriteBlob(child.Blob);
                string mode = existing is { Mode: GitTreeEntry.ExecutableFile } ? GitTreeEntry.ExecutableFile : GitTreeEntry.RegularFile;
                entries[pair.Key] = new GitTreeEntry(mode, pair.Key, blob);
                continue;
            }
            GitObjectId? sub = ApplyNode(cache, batch, existing is { IsDirectory: true } ? existing.Id : null, child);
            if (sub is GitObjectId subId)
                entries[pair.Key] = new GitTreeEntry(GitTreeEntry.Directory, pair.Key, subId);
            else
                entries.Remove(pair.Key);
        }
        if (entries.Count == 0)
            return null;
        return batch.WriteTree(entries);
    }
}
