using Islet.Devices;
using Islet.Http.Parsing;

namespace Islet.Http.Internal;

/// <summary>Strong entity tags derived from a SHA-256 digest, and their comparison (RFC 9110 8.8.3, 13.1.2).</summary>
internal static class EntityTag
{
    /// <summary>Longest tag <see cref="Format"/> writes.</summary>
    public const int MaxLength = 37;

    /// <summary>
    /// Writes <c>"&lt;first 16 digest bytes in hex&gt;"</c>, with <c>-gz</c> inside the quotes for
    /// the gzip representation (a different representation needs a different strong tag).
    /// </summary>
    public static int Format(Sha256Digest digest, bool gzip, Span<byte> destination)
    {
        destination[0] = (byte)'"';
        digest.A.TryFormat(destination[1..], out _, "x16");
        digest.B.TryFormat(destination[17..], out _, "x16");
        int length = 33;
        if (gzip)
        {
            "-gz"u8.CopyTo(destination[length..]);
            length += 3;
        }
        destination[length++] = (byte)'"';
        return length;
    }

    /// <summary>
    /// If-None-Match: true for <c>*</c> or when any listed tag matches <paramref name="etag"/>
    /// by weak comparison (the opaque tags are equal, <c>W/</c> ignored). A malformed list stops
    /// matching at the first bad element.
    /// </summary>
    public static bool MatchesAny(ReadOnlySpan<byte> list, ReadOnlySpan<byte> etag)
    {
        var rest = list.Trim(HttpCharacters.Whitespace);
        if (rest.Length == 1 && rest[0] == (byte)'*') return true;
        while (true)
        {
            rest = rest.TrimStart(" \t,"u8);
            if (rest.IsEmpty) return false;
            if (rest.StartsWith("W/"u8)) rest = rest[2..];
            if (rest.IsEmpty || rest[0] != (byte)'"') return false;
            int close = rest[1..].IndexOf((byte)'"');
            if (close < 0) return false;
            var tag = rest[..(close + 2)];
            if (tag.SequenceEqual(etag)) return true;
            rest = rest[(close + 2)..];
        }
    }

    /// <summary>If-Range with a tag: strong comparison, so a weak tag never matches.</summary>
    public static bool StrongEquals(ReadOnlySpan<byte> value, ReadOnlySpan<byte> etag) => value.SequenceEqual(etag);
}
