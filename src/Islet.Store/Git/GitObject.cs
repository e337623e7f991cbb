namespace Islet.Store.Git;

/// <summary>
/// A parsed Git object: a <see cref="GitBlob"/>, <see cref="GitTree"/>, <see cref="GitCommit"/> or
/// <see cref="GitTag"/>. Parsing then <see cref="ToBytes"/> gives back exactly the bytes parsed, so
/// the id is unchanged; objects are immutable.
/// </summary>
public abstract class GitObject
{
    private protected GitObject() { }

    /// <summary>The object's type.</summary>
    public abstract GitObjectType Type { get; }

    /// <summary>The object's content as Git stores it (without the <c>TYPE SIZE\0</c> header). A fresh array the caller owns.</summary>
    public abstract byte[] ToBytes();

    /// <summary>The object's id: the hash of its header and <see cref="ToBytes"/>.</summary>
    public GitObjectId ComputeId(GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1) => GitObjectId.Compute(Type, ToBytes(), algorithm);

    /// <summary>Parses content of the given <paramref name="type"/>; ids inside are of <paramref name="algorithm"/>'s length.</summary>
    /// <exception cref="GitFormatException">The content is not a well-formed object of that type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined type.</exception>
    public static GitObject Parse(GitObjectType type, ReadOnlySpan<byte> content, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1) => type switch
    {
        GitObjectType.Blob => new GitBlob(content),
        GitObjectType.Tree => GitTree.Parse(content, algorithm),
        GitObjectType.Commit => GitCommit.Parse(content, algorithm),
        GitObjectType.Tag => GitTag.Parse(content, algorithm),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a Git object type."),
    };
}
