using System.Buffers;
using System.Text.Unicode;

namespace Islet.Http.Parsing;

/// <summary>Percent-decoding of a request path (RFC 3986 2.1) into UTF-16 for key lookups.</summary>
public static class PercentDecoder
{
    /// <summary>
    /// Decodes <paramref name="path"/> (raw bytes of an origin-form path) into
    /// <paramref name="destination"/>, which must hold at least <c>path.Length</c> chars.
    /// Fails on a malformed <c>%</c> escape or on bytes that are not valid UTF-8 once decoded.
    /// A decoded <c>%2F</c> becomes <c>/</c>: callers validate the result as a whole.
    /// </summary>
    public static bool TryDecodePath(ReadOnlySpan<byte> path, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (destination.Length < path.Length) return false;
        if (path.IndexOf((byte)'%') < 0)
        {
            return Utf8.ToUtf16(path, destination, out _, out charsWritten, replaceInvalidSequences: false) == OperationStatus.Done;
        }

        byte[]? rented = null;
        Span<byte> bytes = path.Length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(path.Length));
        bool ok = TryUnescape(path, bytes, out int length) &&
            Utf8.ToUtf16(bytes[..length], destination, out _, out charsWritten, replaceInvalidSequences: false) == OperationStatus.Done;
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return ok;
    }

    private static bool TryUnescape(ReadOnlySpan<byte> path, Span<byte> bytes, out int length)
    {
        length = 0;
        for (int i = 0; i < path.Length; i++)
        {
            byte b = path[i];
            if (b == (byte)'%')
            {
                if (i + 2 >= path.Length) return false;
                int high = HttpCharacters.HexValue(path[i + 1]);
                int low = HttpCharacters.HexValue(path[i + 2]);
                if (high < 0 || low < 0) return false;
                b = (byte)((high << 4) | low);
                i += 2;
            }
            bytes[length++] = b;
        }
        return true;
    }
}
