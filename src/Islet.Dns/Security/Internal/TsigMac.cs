using System.Buffers.Binary;
using Islet.Crypto;
using Islet.Dns.Wire;

namespace Islet.Dns.Security.Internal;

/// <summary>The HMAC of a TSIG digest (RFC 8945 §4.3), fed piece by piece: prior or request MAC,
/// message bytes with the original ID and adjusted ARCOUNT, then the TSIG variables or timers.</summary>
internal struct TsigMac
{
    private HmacSha256 _sha256;
    private HmacSha1 _sha1;
    private readonly bool _isSha1;

    public TsigMac(TsigKey key)
    {
        _isSha1 = key.Algorithm == TsigKey.HmacSha1;
        if (_isSha1)
            _sha1 = new HmacSha1(key.Secret);
        else
            _sha256 = new HmacSha256(key.Secret);
        Length = key.MacLength;
    }

    public int Length { get; }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_isSha1)
            _sha1.Append(data);
        else
            _sha256.Append(data);
    }

    public void AppendUInt16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        Append(bytes);
    }

    /// <summary>A MAC with its 2-byte length in front (request MAC, prior MAC).</summary>
    public void AppendSizedMac(ReadOnlySpan<byte> mac)
    {
        AppendUInt16((ushort)mac.Length);
        Append(mac);
    }

    /// <summary>The first <paramref name="end"/> bytes of <paramref name="message"/> with the ID
    /// replaced by <paramref name="id"/> and ARCOUNT by <paramref name="additionalCount"/>.</summary>
    public void AppendMessage(ReadOnlySpan<byte> message, int end, ushort id, ushort additionalCount)
    {
        AppendUInt16(id);
        Append(message[2..10]);
        AppendUInt16(additionalCount);
        Append(message[12..end]);
    }

    /// <summary>A name in canonical form: uncompressed, ASCII letters lower-cased (RFC 4034 §6.2).</summary>
    public void AppendCanonicalName(DnsName name)
    {
        Span<byte> wire = stackalloc byte[DnsName.MaxLength];
        ReadOnlySpan<byte> source = name.WireForm;
        for (int i = 0; i < source.Length; i++)
            wire[i] = source[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(source[i] + 32) : source[i];
        Append(wire[..source.Length]);
    }

    public void AppendTimers(ulong timeSigned, ushort fudge)
    {
        AppendUInt16((ushort)(timeSigned >> 32));
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)timeSigned);
        Append(bytes);
        AppendUInt16(fudge);
    }

    /// <summary>The TSIG variables of RFC 8945 §4.3.3: key name, class ANY, TTL 0, algorithm,
    /// timers, error and other data.</summary>
    public void AppendVariables(DnsName keyName, TsigRecordData tsig)
    {
        AppendCanonicalName(keyName);
        AppendUInt16((ushort)DnsClass.Any);
        AppendUInt16(0);
        AppendUInt16(0);
        AppendCanonicalName(tsig.Algorithm);
        AppendTimers(tsig.TimeSigned, tsig.Fudge);
        AppendUInt16(tsig.Error);
        AppendSizedMac(tsig.OtherData);
    }

    public void Finish(Span<byte> destination)
    {
        if (_isSha1)
            _sha1.Finish(destination);
        else
            _sha256.Finish(destination);
    }
}
