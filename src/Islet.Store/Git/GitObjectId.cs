using System.Globalization;
using Islet.Crypto;

namespace Islet.Store.Git;

/// <summary>
/// The name of a Git object: the hash of its header (<c>TYPE SIZE\0</c>) and contents, 20 bytes
/// under SHA-1 or 32 under SHA-256. Compared and hashed by value; printed as lower-case hex.
/// </summary>
public readonly struct GitObjectId : IEquatable<GitObjectId>, IComparable<GitObjectId>
{
    private readonly byte[]? _bytes;

    private GitObjectId(byte[] bytes) => _bytes = bytes;

    /// <summary>The id's bytes (20 or 32).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The hash the id was made with, from its length.</summary>
    public GitHashAlgorithm Algorithm => _bytes?.Length == 32 ? GitHashAlgorithm.Sha256 : GitHashAlgorithm.Sha1;

    /// <summary>The id length in bytes for <paramref name="algorithm"/>.</summary>
    public static int LengthOf(GitHashAlgorithm algorithm) => algorithm == GitHashAlgorithm.Sha256 ? 32 : 20;

    /// <summary>An id from its raw bytes.</summary>
    /// <exception cref="ArgumentException">Not 20 or 32 bytes.</exception>
    public static GitObjectId FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length is 20 or 32 ? new GitObjectId(bytes.ToArray()) : throw new ArgumentException($"A Git object id is 20 or 32 bytes, not {bytes.Length}.", nameof(bytes));

    /// <summary>Parses 40 or 64 hex digits (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out GitObjectId id)
    {
        id = default;
        if (hex.Length is not (40 or 64))
            return false;
        byte[] bytes = new byte[hex.Length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (!byte.TryParse(hex.Slice(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
                return false;
        }
        id = new GitObjectId(bytes);
        return true;
    }

    /// <summary>Parses 40 or 64 hex digits.</summary>
    /// <exception cref="FormatException">Anything else.</exception>
    public static GitObjectId Parse(string hex) =>
        TryParse(hex, out GitObjectId id) ? id : throw new FormatException($"'{hex}' is not a Git object id (40 or 64 hex digits).");

    /// <summary>The id of an object of <paramref name="type"/> with <paramref name="content"/>: the hash of <c>TYPE SIZE\0CONTENT</c>.</summary>
    public static GitObjectId Compute(GitObjectType type, ReadOnlySpan<byte> content, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        Span<byte> header = stackalloc byte[32];
        int length = WriteHeader(type, content.Length, header);
        byte[] digest = new byte[LengthOf(algorithm)];
        if (algorithm == GitHashAlgorithm.Sha256)
        {
            var hash = new Sha256();
            hash.Append(header[..length]);
            hash.Append(content);
            hash.Finish(digest);
        }
        else
        {
            var hash = new Sha1();
            hash.Append(header[..length]);
            hash.Append(content);
            hash.Finish(digest);
        }
        return new GitObjectId(digest);
    }

    /// <summary>Writes the loose-object header <c>TYPE SIZE\0</c> into <paramref name="destination"/> and returns its length.</summary>
    public static int WriteHeader(GitObjectType type, long size, Span<byte> destination)
    {
        string text = $"{TypeName(type)} {size.ToString(CultureInfo.InvariantCulture)}\0";
        for (int i = 0; i < text.Length; i++)
            destination[i] = (byte)text[i];
        return text.Length;
    }

    /// <summary>The type's name in headers and trees: commit, tree, blob, tag.</summary>
    public static string TypeName(GitObjectType type) => type switch
    {
        GitObjectType.Commit => "commit",
        GitObjectType.Tree => "tree",
        GitObjectType.Blob => "blob",
        GitObjectType.Tag => "tag",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a Git object type."),
    };

    /// <inheritdoc/>
    public bool Equals(GitObjectId other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GitObjectId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _bytes is null ? 0 : BitConverter.ToInt32(_bytes, 0);

    /// <summary>Byte order, as Git sorts ids in pack indexes.</summary>
    public int CompareTo(GitObjectId other) => Bytes.SequenceCompareTo(other.Bytes);

    /// <summary>Lower-case hex, as Git prints ids.</summary>
    public override string ToString() => Convert.ToHexStringLower(Bytes);

    /// <summary>Equality.</summary>
    public static bool operator ==(GitObjectId left, GitObjectId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(GitObjectId left, GitObjectId right) => !left.Equals(right);
}
