using Islet.Store.Git.Internal;

namespace Islet.Store.Git;

/// <summary>
/// An annotated tag: <c>object</c>, <c>type</c>, <c>tag</c>, an optional <c>tagger</c> (old tags
/// lack it), extra headers in order, a blank line, and the message bytes unchanged (a signature,
/// if any, is part of the message).
/// </summary>
public sealed class GitTag : GitObject
{
    private readonly byte[] _name;
    private readonly GitExtraHeader[] _extraHeaders;
    private readonly byte[] _message;

    /// <summary>A tag from its parts.</summary>
    /// <exception cref="ArgumentException">The target is a default id, or the name is empty or has a newline.</exception>
    public GitTag(GitObjectId target, GitObjectType targetType, ReadOnlySpan<byte> name, GitSignature? tagger,
        IEnumerable<GitExtraHeader> extraHeaders, ReadOnlySpan<byte> message)
        : this(target, targetType, name, tagger, extraHeaders, message, hasMessage: true) { }

    private GitTag(GitObjectId target, GitObjectType targetType, ReadOnlySpan<byte> name, GitSignature? tagger,
        IEnumerable<GitExtraHeader> extraHeaders, ReadOnlySpan<byte> message, bool hasMessage)
    {
        ArgumentNullException.ThrowIfNull(extraHeaders);
        _ = GitObjectId.TypeName(targetType);
        if (target.Bytes.Length == 0)
            throw new ArgumentException("A tag's target is not a default id.", nameof(target));
        if (name.Length == 0 || name.IndexOf((byte)'\n') >= 0)
            throw new ArgumentException("A tag name is not empty and has no newline.", nameof(name));
        Target = target;
        TargetType = targetType;
        _name = name.ToArray();
        Tagger = tagger;
        _extraHeaders = extraHeaders.ToArray();
        _message = message.ToArray();
        HasMessage = hasMessage;
    }

    /// <summary>A tag with a UTF-8 name and message and no extra headers.</summary>
    public GitTag(GitObjectId target, GitObjectType targetType, string name, GitSignature? tagger, string message)
        : this(target, targetType, System.Text.Encoding.UTF8.GetBytes(name), tagger, [], System.Text.Encoding.UTF8.GetBytes(message)) { }

    /// <summary>The tagged object.</summary>
    public GitObjectId Target { get; }

    /// <summary>The tagged object's type.</summary>
    public GitObjectType TargetType { get; }

    /// <summary>The tag's name bytes (<c>v1.0</c>).</summary>
    public ReadOnlyMemory<byte> Name => _name;

    /// <summary>The tag's name as UTF-8 text.</summary>
    public string NameText => System.Text.Encoding.UTF8.GetString(_name);

    /// <summary>Who made the tag and when; null for tags without a <c>tagger</c> line.</summary>
    public GitSignature? Tagger { get; }

    /// <summary>Headers after <c>tagger</c>, in order.</summary>
    public IReadOnlyList<GitExtraHeader> ExtraHeaders => _extraHeaders;

    /// <summary>The message bytes after the blank line, unchanged.</summary>
    public ReadOnlyMemory<byte> Message => _message;

    /// <summary>
    /// False for an object of headers alone, with no blank line after them (Git accepts these but
    /// never writes them; <see cref="Message"/> is then empty). True for every object built here.
    /// </summary>
    public bool HasMessage { get; }

    /// <inheritdoc/>
    public override GitObjectType Type => GitObjectType.Tag;

    /// <summary>Parses tag content whose ids are of <paramref name="algorithm"/>'s length.</summary>
    /// <exception cref="GitFormatException">A required line missing or out of order, a bad id, type or signature,
    /// or a malformed extra header.</exception>
    public static GitTag Parse(ReadOnlySpan<byte> content, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        var reader = new GitObjectReader(content, "tag");
        GitObjectId target = GitObjectReader.ParseHexId(reader.ReadSingle("object", "object"u8), algorithm, "object");
        ReadOnlySpan<byte> type = reader.ReadSingle("type", "type"u8);
        GitObjectType targetType = type switch
        {
            _ when type.SequenceEqual("commit"u8) => GitObjectType.Commit,
            _ when type.SequenceEqual("tree"u8) => GitObjectType.Tree,
            _ when type.SequenceEqual("blob"u8) => GitObjectType.Blob,
            _ when type.SequenceEqual("tag"u8) => GitObjectType.Tag,
            _ => ThrowHelper.Format<GitObjectType>("A tag's type line names no object type."),
        };
        ReadOnlySpan<byte> name = reader.ReadSingle("tag", "tag"u8);
        if (name.Length == 0)
            ThrowHelper.Format("A tag has an empty name.");
        GitSignature? tagger = reader.NextIs("tagger"u8) ? GitSignature.Parse(reader.ReadSingle("tagger", "tagger"u8)) : null;
        var extra = new List<GitExtraHeader>();
        while (!reader.TryReadEndOfHeaders())
            extra.Add(reader.ReadExtra());
        return new GitTag(target, targetType, name, tagger, extra, reader.ReadRest(), reader.HasMessage);
    }

    /// <inheritdoc/>
    public override byte[] ToBytes()
    {
        var writer = new GitObjectWriter();
        writer.Id("object", Target);
        writer.Header("type", GitObjectId.TypeName(TargetType));
        writer.Header("tag", _name);
        if (Tagger is not null)
            writer.Signature("tagger", Tagger);
        foreach (GitExtraHeader header in _extraHeaders)
            writer.Header(header.Key, header.Value.Span);
        return writer.Finish(_message, HasMessage);
    }
}
