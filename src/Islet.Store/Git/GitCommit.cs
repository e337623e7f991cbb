using Islet.Store.Git.Internal;

namespace Islet.Store.Git;

/// <summary>
/// A commit: <c>tree</c>, zero or more <c>parent</c> lines in order, <c>author</c>, <c>committer</c>,
/// extra headers in order (<c>encoding</c>, <c>mergetag</c>, <c>gpgsig</c>, ... with multi-line values
/// as continuation lines), a blank line, and the message bytes unchanged.
/// </summary>
public sealed class GitCommit : GitObject
{
    private readonly GitObjectId[] _parents;
    private readonly GitExtraHeader[] _extraHeaders;
    private readonly byte[] _message;

    /// <summary>A commit from its parts. <paramref name="message"/> is kept as given (Git's tools end it with '\n').</summary>
    /// <exception cref="ArgumentException">The tree id is default, or a parent id is of another length.</exception>
    public GitCommit(GitObjectId tree, IEnumerable<GitObjectId> parents, GitSignature author, GitSignature committer,
        IEnumerable<GitExtraHeader> extraHeaders, ReadOnlySpan<byte> message)
        : this(tree, parents, author, committer, extraHeaders, message, hasMessage: true) { }

    private GitCommit(GitObjectId tree, IEnumerable<GitObjectId> parents, GitSignature author, GitSignature committer,
        IEnumerable<GitExtraHeader> extraHeaders, ReadOnlySpan<byte> message, bool hasMessage)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(committer);
        ArgumentNullException.ThrowIfNull(extraHeaders);
        _parents = parents.ToArray();
        if (tree.Bytes.Length == 0 || _parents.Any(p => p.Bytes.Length != tree.Bytes.Length))
            throw new ArgumentException("A commit's tree and parents are ids of one hash (not default).", nameof(parents));
        Tree = tree;
        Author = author;
        Committer = committer;
        _extraHeaders = extraHeaders.ToArray();
        _message = message.ToArray();
        HasMessage = hasMessage;
    }

    /// <summary>A commit without extra headers and with a UTF-8 message.</summary>
    public GitCommit(GitObjectId tree, IEnumerable<GitObjectId> parents, GitSignature author, GitSignature committer, string message)
        : this(tree, parents, author, committer, [], System.Text.Encoding.UTF8.GetBytes(message)) { }

    /// <summary>The root tree.</summary>
    public GitObjectId Tree { get; }

    /// <summary>The parents in order (none for a root commit, two or more for a merge).</summary>
    public IReadOnlyList<GitObjectId> Parents => _parents;

    /// <summary>Who wrote the change, and when.</summary>
    public GitSignature Author { get; }

    /// <summary>Who made the commit, and when.</summary>
    public GitSignature Committer { get; }

    /// <summary>Headers after <c>committer</c>, in order.</summary>
    public IReadOnlyList<GitExtraHeader> ExtraHeaders => _extraHeaders;

    /// <summary>The message bytes after the blank line, unchanged.</summary>
    public ReadOnlyMemory<byte> Message => _message;

    /// <summary>
    /// False for an object of headers alone, with no blank line after them (Git accepts these but
    /// never writes them; <see cref="Message"/> is then empty). True for every object built here.
    /// </summary>
    public bool HasMessage { get; }

    /// <inheritdoc/>
    public override GitObjectType Type => GitObjectType.Commit;

    /// <summary>Parses commit content whose ids are of <paramref name="algorithm"/>'s length.</summary>
    /// <exception cref="GitFormatException">A required line missing or out of order, a bad id or signature,
    /// or a malformed extra header.</exception>
    public static GitCommit Parse(ReadOnlySpan<byte> content, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        var reader = new GitObjectReader(content, "commit");
        GitObjectId tree = GitObjectReader.ParseHexId(reader.ReadSingle("tree", "tree"u8), algorithm, "tree");
        var parents = new List<GitObjectId>();
        while (reader.NextIs("parent"u8))
            parents.Add(GitObjectReader.ParseHexId(reader.ReadSingle("parent", "parent"u8), algorithm, "parent"));
        GitSignature author = GitSignature.Parse(reader.ReadSingle("author", "author"u8));
        GitSignature committer = GitSignature.Parse(reader.ReadSingle("committer", "committer"u8));
        var extra = new List<GitExtraHeader>();
        while (!reader.TryReadEndOfHeaders())
            extra.Add(reader.ReadExtra());
        return new GitCommit(tree, parents, author, committer, extra, reader.ReadRest(), reader.HasMessage);
    }

    /// <inheritdoc/>
    public override byte[] ToBytes()
    {
        var writer = new GitObjectWriter();
        writer.Id("tree", Tree);
        foreach (GitObjectId parent in _parents)
            writer.Id("parent", parent);
        writer.Signature("author", Author);
        writer.Signature("committer", Committer);
        foreach (GitExtraHeader header in _extraHeaders)
            writer.Header(header.Key, header.Value.Span);
        return writer.Finish(_message, HasMessage);
    }
}
