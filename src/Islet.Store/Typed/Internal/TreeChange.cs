namespace Islet.Store.Internal;

/// <summary>
/// Pending changes to one tree: a trie of sets and removes, applied in one pass that rewrites only
/// the trees on changed paths. Later operations win over earlier ones on the same or enclosing paths.
/// </summary>
internal sealed class TreeChange
{
    /// <summary>Drop the base tree's entries first (a removed or overwritten path now used as a directory).</summary>
    public bool ClearBase { get; set; }

    /// <summary>When true, this node is a leaf: <see cref="Blob"/> is the new value, or null to remove the path.</summary>
    public bool IsLeaf { get; set; }

    public byte[]? Blob { get; set; }

    public Dictionary<string, TreeChange> Children { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => !ClearBase && !IsLeaf && Children.Count == 0;

    public void Set(StorePath path, byte[]? blob)
    {
        if (path.IsRoot)
        {
            if (blob is not null)
                throw new StoreException(StoreError.InvalidPath, "The root is a tree; a value needs a non-empty path.");
            ClearBase = true;
            Children.Clear();
            return;
        }
        TreeChange node = this;
        IReadOnlyList<string> segments = path.Segments;
        for (int i = 0; i < segments.Count - 1; i++)
        {
            if (!node.Children.TryGetValue(segments[i], out TreeChange? child))
            {
                child = new TreeChange();
                node.Children[segments[i]] = child;
            }
            if (child.IsLeaf)
            {
                child.IsLeaf = false;
                child.Blob = null;
                child.ClearBase = true;
            }
            node = child;
        }
        node.Children[segments[^1]] = new TreeChange { IsLeaf = true, Blob = blob };
    }
}
