using Islet.Store.Git;

namespace Islet.Store.Internal;

/// <summary>A parsed tree with its entries indexed by name (UTF-8 text).</summary>
internal sealed class CachedTree
{
    public CachedTree(GitObjectId id, GitTree tree)
    {
        Id = id;
        Tree = tree;
        ByName = new Dictionary<string, GitTreeEntry>(tree.Entries.Count, StringComparer.Ordinal);
        foreach (GitTreeEntry entry in tree.Entries)
            ByName.TryAdd(entry.NameText, entry);
    }

    /// <summary>A tree whose index by name the caller built (and hands over: it must not change it afterwards).</summary>
    public CachedTree(GitObjectId id, GitTree tree, Dictionary<string, GitTreeEntry> byName)
    {
        Id = id;
        Tree = tree;
        ByName = byName;
    }

    public GitObjectId Id { get; }

    public GitTree Tree { get; }

    public Dictionary<string, GitTreeEntry> ByName { get; }
}
