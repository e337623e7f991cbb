using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Islet.Crypto;
using Islet.Store.Git.Internal;

namespace Islet.Store.Git;

/// <summary>
/// The name of a Git object: the hash of its header (<c>TYPE SIZE\0</c>) and contents, 20 bytes
/// under SHA-1 or 32 under SHA-256. Compared and hashed by value; printed as lower-case hex.
/// </summary>
/// <remarks>
/// The bytes are stored inline (33 bytes a value, no heap object), so tables of ids cost no
/// allocation per id. <see cref="Bytes"/> is a view of the value it is read from: it stays valid
/// while that variable (or the temporary of the expression) does.
/// </remarks>
public readonly struct GitObjectId : IEquatable<GitObjectId>, IComparable<GitObjectId>
{
    private readonly GitObjectIdBuffer _bytes;
    private readonly byte _length;

    /// <summary>An id holding a copy of <paramref name="bytes"/> (20 or 32, checked by the callers).</summary>
    private GitObjectId(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_bytes);
        _length = (byte)bytes.Length;
    }

    /// <summary>The id's bytes (20 or 32; empty for <c>default</c>), a view of this value.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => ((ReadOnlySpan<byte>)_bytes)[.._length];

    /// <summary>The hash the id was made with, from its length.</summary>
    public GitHashAlgorithm Algorithm => _length == 32 ? GitHashAlgorithm.Sha256 : GitHashAlgorithm.Sha1;

    /// <summary>The id length in bytes for <paramref name="algorithm"/>.</summary>
    public static int LengthOf(GitHashAlgorithm algorithm) => algorithm == GitHashAlgorithm.Sha256 ? 32 : 20;

    /// <summary>An id from its raw bytes.</summary>
    /// <exception cref="ArgumentException">Not 20 or 32 bytes.</exception>
    public static GitObjectId FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length is 20 or 32 ? new GitObjectId(bytes) : throw new ArgumentException($"A Git object id is 20 or 32 bytes, not {bytes.Length}.", nameof(bytes));

    /// <summary>Parses 40 or 64 hex digits (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out GitObjectId id)
    {
        id = default;
        if (hex.Length is not (40 or 64))
            return false;
        Span<byte> bytes = stackalloc byte[hex.Length / 2];
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
        Span<byte> digest = stackalloc byte[LengthOf(algorithm)];
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
    public override int GetHashCode() => _length == 0 ? 0 : BinaryPrimitives.ReadInt32LittleEndian(Bytes);

    /// <summary>Byte order, as Git sorts ids in pack indexes.</summary>
    public int CompareTo(GitObjectId other) => Bytes.SequenceCompareTo(other.Bytes);

    /// <summary>Lower-case hex, as Git prints ids.</summary>
    public override string ToString() => Convert.ToHexStringLower(Bytes);

    /// <summary>Equality.</summary>
    public static bool operator ==(GitObjectId left, GitObjectId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(GitObjectId left, GitObjectId right) => !left.Equals(right);
}
