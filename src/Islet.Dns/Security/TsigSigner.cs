using System.Buffers.Binary;
using Islet.Dns.Security.Internal;
using Islet.Dns.Wire;

namespace Islet.Dns.Security;

/// <summary>
/// Appends TSIG records to messages already written into a caller's buffer (RFC 8945 §5.1, §5.3):
/// the record goes after the last byte and ARCOUNT is incremented, so the message must not be
/// changed afterwards. The TSIG's Original ID is the message's ID.
/// </summary>
public static class TsigSigner
{
    /// <summary>The Fudge this implementation signs with: 300 seconds (RFC 8945 §10).</summary>
    public const ushort DefaultFudge = 300;

    /// <summary>Signs a request (client side, RFC 8945 §5.1): appends a TSIG whose MAC covers
    /// <c>buffer[..length]</c> and the TSIG variables with Time Signed = <paramref name="now"/>.
    /// <paramref name="mac"/> is the request MAC to give <see cref="TsigVerifier.VerifyResponse"/>.
    /// False (buffer unchanged) when the record does not fit.</summary>
    public static bool TrySignRequest(Span<byte> buffer, int length, TsigKey key, DateTimeOffset now,
        out int written, out byte[] mac, ushort fudge = DefaultFudge)
    {
        ArgumentNullException.ThrowIfNull(key);
        var fields = new TsigRecordWriter.Fields(key.Name, key.Algorithm, TsigRecordWriter.TimeOf(now), fudge, 0, []);
        return TsigRecordWriter.TryAppend(buffer, length, key, [], timersOnly: false, fields, out written, out mac);
    }

    /// <summary>
    /// Finishes the response to a request whose TSIG check gave <paramref name="request"/>
    /// (RFC 8945 §5.3, §5.3.2). The caller has written the response into <c>buffer[..length]</c> with
    /// the RCODE of <see cref="TsigVerification.ResponseRcode"/>. Then, by status:
    /// <list type="bullet">
    /// <item><see cref="TsigStatus.Unsigned"/>, <see cref="TsigStatus.FormErr"/>: nothing is added.</item>
    /// <item><see cref="TsigStatus.Valid"/>: a TSIG whose MAC covers the request MAC, the response
    /// and the variables, Time Signed = <paramref name="now"/>.</item>
    /// <item><see cref="TsigStatus.BadKey"/>, <see cref="TsigStatus.BadSig"/>: an unsigned TSIG (empty
    /// MAC) with the request's key name and algorithm and that error.</item>
    /// <item><see cref="TsigStatus.BadTime"/>: a signed TSIG with the request's Time Signed, error
    /// BADTIME and the server's time (48 bits) as Other Data.</item>
    /// <item><see cref="TsigStatus.BadTrunc"/>: a signed TSIG with error BADTRUNC.</item>
    /// </list>
    /// False (buffer unchanged) when the record does not fit.
    /// </summary>
    public static bool TrySignResponse(Span<byte> buffer, int length, TsigVerification request, DateTimeOffset now, out int written)
    {
        ArgumentNullException.ThrowIfNull(request);
        written = length;
        if (request.Status is TsigStatus.Unsigned or TsigStatus.FormErr || request.Record is null || request.KeyName is null)
            return length <= buffer.Length;
        ulong time = TsigRecordWriter.TimeOf(now);
        ushort error = TsigErrorCode.For(request.Status);
        byte[] other = [];
        if (request.Status == TsigStatus.BadTime)
        {
            other = new byte[6];
            BinaryPrimitives.WriteUInt16BigEndian(other, (ushort)(time >> 32));
            BinaryPrimitives.WriteUInt32BigEndian(other.AsSpan(2), (uint)time);
            time = request.Record.TimeSigned;
        }
        var fields = new TsigRecordWriter.Fields(request.KeyName, request.Record.Algorithm, time, DefaultFudge, error, other);
        TsigKey? key = request.IsAuthenticated ? request.Key : null;
        return TsigRecordWriter.TryAppend(buffer, length, key, key is null ? [] : request.Mac, timersOnly: false, fields, out written, out _);
    }
}
