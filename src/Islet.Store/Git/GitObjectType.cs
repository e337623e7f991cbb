namespace Islet.Store.Git;

/// <summary>The kinds of Git object, with the numbers pack files use for them (gitformat-pack).</summary>
public enum GitObjectType
{
    /// <summary>A commit: a tree, parents, author, committer, extra headers and a message.</summary>
    Commit = 1,

    /// <summary>A tree: sorted entries of mode, name and object id.</summary>
    Tree = 2,

    /// <summary>A blob: file contents.</summary>
    Blob = 3,

    /// <summary>An annotated tag.</summary>
    Tag = 4,
}
