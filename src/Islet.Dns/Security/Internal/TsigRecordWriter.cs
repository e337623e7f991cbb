using System.Buffers.Binary;
using Islet.Dns.Wire;

namespace Islet.Dns.Security.Internal;

/// <summary>Computes a TSIG MAC over a message already in a buffer and appends the TSIG record
/// after it, bumping ARCOUNT (RFC 8945 §4.3, §5.3).</summary>
internal static class TsigRecordWriter
{
    /// <summary>The fields of the TSIG record to append.</summary>
    internal readonly record struct Fields(DnsName KeyName, DnsName Algorithm, ulong TimeSigned, ushort Fudge, ushort Error, byte[] OtherData);

    /// <summary>Appends a TSIG record to the message in <c>buffer[..length]</c>. With
    /// <paramref name="key"/> null the MAC is empty (an unsigned error TSIG, RFC 8945 §5.3.2);
    /// otherwise the digest is the sized <paramref name="priorMac"/> when it is not empty, the
    /// message, and the TSIG variables, or only the timers when <paramref name="timersOnly"/>
    /// (RFC 8945 §4.3.1). False, with the buffer's message unchanged, when the record does not fit
    /// or ARCOUNT is already 65535.</summary>
    public static bool TryAppend(Span<byte> buffer, int length, TsigKey? key, ReadOnlySpan<byte> priorMac, bool timersOnly,
        in Fields fields, out int written, out byte[] mac)
    {
        written = 0;
        mac = [];
        if (length < DnsHeader.Length || length > buffer.Length)
            return false;
        ushort id = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        ushort additional = BinaryPrimitives.ReadUInt16BigEndian(buffer[10..]);
        if (additional == ushort.MaxValue)
            return false;
        var variables = new TsigRecordData(fields.Algorithm, fields.TimeSigned, fields.Fudge, [], id, fields.Error, fields.OtherData);
        if (key is not null)
        {
            var digest = new TsigMac(key);
            if (!priorMac.IsEmpty)
                digest.AppendSizedMac(priorMac);
            digest.AppendMessage(buffer, length, id, additional);
            if (timersOnly)
                digest.AppendTimers(fields.TimeSigned, fields.Fudge);
            else
                digest.AppendVariables(fields.KeyName, variables);
            mac = new byte[digest.Length];
            digest.Finish(mac);
        }
        var tsig = new TsigRecordData(fields.Algorithm, fields.TimeSigned, fields.Fudge, mac, id, fields.Error, fields.OtherData);
        var writer = new DnsMessageWriter(buffer[length..]);
        if (!writer.TryWriteRecord(new DnsRecord(fields.KeyName, DnsClass.Any, 0, tsig)))
            return false;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[10..], (ushort)(additional + 1));
        written = length + writer.Length;
        return true;
    }

    /// <summary>Seconds since 1970, clamped to the 48-bit Time Signed field.</summary>
    public static ulong TimeOf(DateTimeOffset now) => (ulong)Math.Clamp(now.ToUnixTimeSeconds(), 0, (long)TsigRecordData.MaxTimeSigned);
}
