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

    public GitObjectId Id { get; }

    public GitTree Tree { get; }

    public Dictionary<string, GitTreeEntry> ByName { get; }
}
