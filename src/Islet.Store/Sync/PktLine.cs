using System.Buffers;

namespace Islet.Store.Sync;

/// <summary>
/// The pkt-line framing of Git's wire protocols (gitprotocol-common): each line is four lowercase
/// hex digits giving the line's whole length including those four, then the payload.
/// <c>0000</c> is a flush, <c>0001</c> a delimiter and <c>0002</c> a response end; <c>0003</c> and
/// <c>0004</c> (a data line with nothing in it) are refused here as git refuses them when reading
/// a data line. Sans-IO: the caller owns the buffers.
/// </summary>
public static class PktLine
{
    /// <summary>The largest whole line, header included (LARGE_PACKET_MAX).</summary>
    public const int MaxLength = 65520;

    /// <summary>The largest payload.</summary>
    public const int MaxPayload = MaxLength - HeaderLength;

    /// <summary>The length prefix's size.</summary>
    public const int HeaderLength = 4;

    /// <summary>
    /// Reads one pkt-line from the start of <paramref name="buffer"/>. On <see cref="PktLineStatus.Done"/>
    /// the payload is <c>buffer.Slice(HeaderLength, payloadLength)</c> (empty unless <paramref name="kind"/>
    /// is <see cref="PktLineKind.Data"/>) and <paramref name="consumed"/> bytes were used. Never throws.
    /// </summary>
    public static PktLineStatus TryRead(ReadOnlySpan<byte> buffer, out PktLineKind kind, out int payloadLength, out int consumed)
    {
        kind = PktLineKind.Data;
        payloadLength = 0;
        consumed = 0;
        if (buffer.Length < HeaderLength)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                if (HexValue(buffer[i]) < 0)
                    return PktLineStatus.Malformed;
            }
            return PktLineStatus.NeedMoreData;
        }
        int length = 0;
        for (int i = 0; i < HeaderLength; i++)
        {
            int digit = HexValue(buffer[i]);
            if (digit < 0)
                return PktLineStatus.Malformed;
            length = (length << 4) | digit;
        }
        switch (length)
        {
            case 0: kind = PktLineKind.Flush; consumed = HeaderLength; return PktLineStatus.Done;
            case 1: kind = PktLineKind.Delimiter; consumed = HeaderLength; return PktLineStatus.Done;
            case 2: kind = PktLineKind.ResponseEnd; consumed = HeaderLength; return PktLineStatus.Done;
            case 3 or 4: return PktLineStatus.Malformed;
        }
        if (length > MaxLength)
            return PktLineStatus.Malformed;
        if (buffer.Length < length)
            return PktLineStatus.NeedMoreData;
        payloadLength = length - HeaderLength;
        consumed = length;
        return PktLineStatus.Done;
    }

    /// <summary>Writes a data line holding <paramref name="payload"/> (1 to <see cref="MaxPayload"/> bytes).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The payload is empty or too long.</exception>
    public static void WriteData(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfZero(payload.Length, nameof(payload));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, MaxPayload, nameof(payload));
        Span<byte> destination = output.GetSpan(HeaderLength + payload.Length);
        WriteHeader(destination, HeaderLength + payload.Length);
        payload.CopyTo(destination[HeaderLength..]);
        output.Advance(HeaderLength + payload.Length);
    }

    /// <summary>Writes a data line of <paramref name="text"/> (ASCII or UTF-8) followed by <c>\n</c>, as git writes text lines.</summary>
    public static void WriteText(IBufferWriter<byte> output, string text)
    {
        int length = System.Text.Encoding.UTF8.GetByteCount(text) + 1;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxPayload, nameof(text));
        Span<byte> destination = output.GetSpan(HeaderLength + length);
        WriteHeader(destination, HeaderLength + length);
        System.Text.Encoding.UTF8.GetBytes(text, destination[HeaderLength..]);
        destination[HeaderLength + length - 1] = (byte)'\n';
        output.Advance(HeaderLength + length);
    }

    /// <summary>Writes <c>0000</c>, <c>0001</c> or <c>0002</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is <see cref="PktLineKind.Data"/>.</exception>
    public static void WriteSpecial(IBufferWriter<byte> output, PktLineKind kind)
    {
        if (kind == PktLineKind.Data)
            throw new ArgumentException("A data line has a payload; use WriteData.", nameof(kind));
        Span<byte> destination = output.GetSpan(HeaderLength);
        WriteHeader(destination, (int)kind - (int)PktLineKind.Flush);
        output.Advance(HeaderLength);
    }

    /// <summary>The payload without one trailing <c>\n</c> (git's text lines may or may not have it).</summary>
    public static ReadOnlySpan<byte> TrimNewline(ReadOnlySpan<byte> payload) =>
        payload.Length > 0 && payload[^1] == (byte)'\n' ? payload[..^1] : payload;

    private static void WriteHeader(Span<byte> destination, int length)
    {
        const string Hex = "0123456789abcdef";
        destination[0] = (byte)Hex[(length >> 12) & 0xf];
        destination[1] = (byte)Hex[(length >> 8) & 0xf];
        destination[2] = (byte)Hex[(length >> 4) & 0xf];
        destination[3] = (byte)Hex[length & 0xf];
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
