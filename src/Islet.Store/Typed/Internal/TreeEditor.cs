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
            if (tree.Find(segments[i]) is not GitTreeEntry entry)
                return null;
            if (i == segments.Count - 1)
                return entry;
            if (!entry.IsDirectory)
                return null;
            tree = cache.ReadTree(entry.Id);
        }
    }

    /// <summary>The new root tree after <paramref name="change"/>; the empty tree (stored) when nothing is left.</summary>
    public static GitObjectId Apply(ObjectBatch batch, GitObjectId? root, TreeChange change) =>
        ApplyNode(batch, root, change) ?? batch.WriteTree([], null);

    /// <summary>
    /// The tree <paramref name="change"/> makes of <paramref name="baseTree"/>, or null when it is
    /// left empty. The base's entries stay sorted: the changed names are cut out by position and the
    /// new entries, sorted, are merged in, so a change of k entries in a tree of n costs
    /// O(n + k log n), not a re-sort of the whole tree.
    /// </summary>
    private static GitObjectId? ApplyNode(ObjectBatch batch, GitObjectId? baseTree, TreeChange change)
    {
        if (change.IsEmpty && baseTree is not null)
            return baseTree;
        CachedTree? based = baseTree is GitObjectId id && !change.ClearBase ? batch.ReadTree(id) : null;
        GitTreeEntry[] baseEntries = based?.Entries ?? [];
        var removed = new List<int>(change.Children.Count);
        var added = new List<GitTreeEntry>(change.Children.Count);
        foreach (KeyValuePair<string, TreeChange> pair in change.Children)
        {
            TreeChange child = pair.Value;
            int at = based?.IndexOf(pair.Key) ?? -1;
            GitTreeEntry? existing = at >= 0 ? baseEntries[at] : null;
            if (at >= 0)
                removed.Add(at);
            if (child.IsLeaf)
            {
                if (child.Blob is null)
                    continue;
                GitObjectId blob = batch.WriteBlob(child.Blob);
                string mode = existing is { Mode: GitTreeEntry.ExecutableFile } ? GitTreeEntry.ExecutableFile : GitTreeEntry.RegularFile;
                added.Add(new GitTreeEntry(mode, pair.Key, blob));
                continue;
            }
            if (ApplyNode(batch, existing is { IsDirectory: true } ? existing.Id : null, child) is GitObjectId subId)
                added.Add(new GitTreeEntry(GitTreeEntry.Directory, pair.Key, subId));
        }
        int count = baseEntries.Length - removed.Count + added.Count;
        if (count == 0)
            return null;
        removed.Sort();
        added.Sort(GitTreeEntry.CompareOrder);
        var entries = new GitTreeEntry[count];
        int next = 0, cut = 0, add = 0;
        for (int i = 0; i < baseEntries.Length; i++)
        {
            if (cut < removed.Count && removed[cut] == i)
            {
                cut++;
                continue;
            }
            while (add < added.Count && GitTreeEntry.CompareOrder(added[add], baseEntries[i]) < 0)
                entries[next++] = added[add++];
            entries[next++] = baseEntries[i];
        }
        while (add < added.Count)
            entries[next++] = added[add++];
        return batch.WriteTree(entries, based?.Id);
    }
}
