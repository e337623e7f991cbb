using System.Buffers;

namespace Islet.Http.Parsing;

/// <summary>The byte classes of RFC 9110 5.6 and RFC 9112, as vectorised search sets.</summary>
internal static class HttpCharacters
{
    /// <summary>tchar (RFC 9110 5.6.2): the bytes of a token.</summary>
    public static readonly SearchValues<byte> Token =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>Bytes never allowed in a field value: controls other than HTAB, and DEL (this covers bare CR and NUL).</summary>
    public static readonly SearchValues<byte> InvalidFieldValue = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    /// <summary>
    /// Bytes allowed in a request-target: visible ASCII except <c>#</c> (no fragment in a
    /// request, RFC 9112 3.2). Non-ASCII must be percent-encoded.
    /// </summary>
    public static readonly SearchValues<byte> Target =
        SearchValues.Create("!\"$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    /// <summary>Optional whitespace (RFC 9110 5.6.3).</summary>
    public static ReadOnlySpan<byte> Whitespace => " \t"u8;

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>The value of a hex digit, or -1.</summary>
    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
