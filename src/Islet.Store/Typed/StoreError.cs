namespace Islet.Store;

/// <summary>What went wrong in a <see cref="StoreException"/>; the closed set of the typed store's failures.</summary>
public enum StoreError
{
    /// <summary>A path is malformed: an empty segment, <c>.</c> or <c>..</c>, or a '/' or NUL inside a segment.</summary>
    InvalidPath,

    /// <summary>A branch name does not make a valid ref name (<c>refs/heads/NAME</c>).</summary>
    InvalidBranchName,

    /// <summary>A branch or commit does not exist.</summary>
    NotFound,

    /// <summary>A ref or parent names an object that is not a commit, or a commit's tree is not a tree.</summary>
    NotACommit,

    /// <summary>A stored value does not decode with the store's content type.</summary>
    CorruptValue,

    /// <summary>An object the store needs is missing from the object store.</summary>
    MissingObject,

    /// <summary>A branch kept moving: the bounded number of compare-and-swap retries ran out.</summary>
    TooManyRetries,

    /// <summary>The branch already exists (create) or was moved by someone else (reset, delete with an expected head).</summary>
    BranchMoved,

    /// <summary>A directory holds a repository format this store does not understand (version, extensions, object format).</summary>
    UnsupportedRepository,
}
