using System.Text;
using Islet.Store.Git;

namespace Islet.Store.Internal;

/// <summary>
/// A parsed tree, looked up by name with a binary search over its sorted entries (a tree edited
/// on every commit of a bulk import costs no dictionary); <see cref="ByName"/>, for the merger's
/// whole-tree walks, is built on first use.
/// </summary>
internal sealed class CachedTree
{
    private Dictionary<string, GitTreeEntry>? _byName;

    public CachedTree(GitObjectId id, GitTree tree)
    {
        Id = id;
        Tree = tree;
    }

    public GitObjectId Id { get; }

    public GitTree Tree { get; }

    /// <summary>The entries in Git's order (read-only by contract).</summary>
    public GitTreeEntry[] Entries => Tree.EntryArray;

    /// <summary>The position in <see cref="Entries"/> of the entry named <paramref name="name"/> (UTF-8), or -1.</summary>
    public int IndexOf(string name)
    {
        int length = Encoding.UTF8.GetByteCount(name);
        Span<byte> bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(name, bytes);
        return Tree.IndexOf(bytes);
    }

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public GitTreeEntry? Find(string name)
    {
        int at = IndexOf(name);
        return at < 0 ? null : Entries[at];
    }

    /// <summary>The entries keyed by their names as UTF-8 text.</summary>
    public Dictionary<string, GitTreeEntry> ByName
    {
        get
        {
            if (_byName is null)
            {
                var byName = new Dictionary<string, GitTreeEntry>(Entries.Length, StringComparer.Ordinal);
                foreach (GitTreeEntry entry in Entries)
                    byName.TryAdd(entry.NameText, entry);
                _byName = byName;
            }
            return _byName;
        }
    }
}
