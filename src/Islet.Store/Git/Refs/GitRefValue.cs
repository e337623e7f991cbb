using System.Text;

namespace Islet.Store.Git.Refs;

/// <summary>What a ref holds: an object id, or (symbolic) the name of another ref.</summary>
public readonly struct GitRefValue : IEquatable<GitRefValue>
{
    private GitRefValue(GitObjectId id, string? target)
    {
        Id = id;
        SymbolicTarget = target;
    }

    /// <summary>The object id; default when <see cref="IsSymbolic"/>.</summary>
    public GitObjectId Id { get; }

    /// <summary>The ref this one points at (<c>refs/heads/main</c>), or null for a direct ref.</summary>
    public string? SymbolicTarget { get; }

    /// <summary>True for <c>ref: NAME</c>.</summary>
    public bool IsSymbolic => SymbolicTarget is not null;

    /// <summary>A direct ref to <paramref name="id"/>.</summary>
    public static GitRefValue Direct(GitObjectId id) => new(id, null);

    /// <summary>A symbolic ref to <paramref name="target"/>.</summary>
    /// <exception cref="GitRefException"><paramref name="target"/> is not a storable ref name.</exception>
    public static GitRefValue Symbolic(string target)
    {
        GitRefName.Check(target);
        return new(default, target);
    }

    /// <summary>
    /// Parses a loose ref file: <c>HEX</c> of the repository's hash followed by the end or whitespace
    /// (anything after the whitespace is ignored, as git does), or <c>ref:</c>, optional spaces or tabs,
    /// and a storable ref name, then optional trailing whitespace.
    /// </summary>
    /// <exception cref="GitRefException"><see cref="GitRefError.MalformedLooseRef"/>, naming <paramref name="name"/>.</exception>
    public static GitRefValue ParseLoose(ReadOnlySpan<byte> content, GitHashAlgorithm algorithm, string name)
    {
        if (content.StartsWith("ref:"u8))
        {
            ReadOnlySpan<byte> rest = content[4..].TrimStart(" \t"u8).TrimEnd(" \t\r\n"u8);
            string target = Encoding.Latin1.GetString(rest);
            if (rest.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7e) < 0 && GitRefName.IsStorable(target))
                return new(default, target);
            throw Malformed(name, "its symbolic target is not a valid ref name");
        }
        int length = 2 * GitObjectId.LengthOf(algorithm);
        if (content.Length < length || (content.Length > length && !IsSpace(content[length])))
            throw Malformed(name, $"it does not start with {length} hex digits followed by the end or whitespace");
        Span<char> hex = stackalloc char[64];
        for (int i = 0; i < length; i++)
            hex[i] = (char)content[i];
        if (!GitObjectId.TryParse(hex[..length], out GitObjectId id))
            throw Malformed(name, $"its first {length} characters are not hex digits");
        return new(id, null);
    }

    /// <summary>The loose file text: <c>HEX\n</c> or <c>ref: NAME\n</c>.</summary>
    public string ToLooseText() => IsSymbolic ? $"ref: {SymbolicTarget}\n" : $"{Id}\n";

    /// <inheritdoc/>
    public bool Equals(GitRefValue other) => SymbolicTarget == other.SymbolicTarget && Id == other.Id;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GitRefValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => SymbolicTarget?.GetHashCode(StringComparison.Ordinal) ?? Id.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => IsSymbolic ? $"ref: {SymbolicTarget}" : Id.ToString();

    /// <summary>Equality.</summary>
    public static bool operator ==(GitRefValue left, GitRefValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(GitRefValue left, GitRefValue right) => !left.Equals(right);

    internal static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0b or 0x0c;

    private static GitRefException Malformed(string name, string why) =>
        new(GitRefError.MalformedLooseRef, $"Loose ref '{GitRefName.Printable(name)}' is malformed: {why}.");
}
