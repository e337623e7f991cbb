using static Islet.Dns.Wire.Internal.Presentation;

namespace Islet.Dns.Wire;

/// <summary>TSIG rdata: a transaction signature (RFC 8945 §4.2). The algorithm name is never compressed.</summary>
public sealed class TsigRecordData : DnsRecordData
{
    /// <summary>The largest value of the 48-bit Time Signed field.</summary>
    public const ulong MaxTimeSigned = (1UL << 48) - 1;

    /// <summary>Creates the rdata.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeSigned"/> does not fit 48 bits,
    /// or the MAC or other data is longer than 65535 bytes.</exception>
    public TsigRecordData(DnsName algorithm, ulong timeSigned, ushort fudge, byte[] mac, ushort originalId, ushort error, byte[] otherData)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(mac);
        ArgumentNullException.ThrowIfNull(otherData);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeSigned, MaxTimeSigned);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mac.Length, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(otherData.Length, ushort.MaxValue);
        Algorithm = algorithm;
        TimeSigned = timeSigned;
        Fudge = fudge;
        Mac = mac;
        OriginalId = originalId;
        Error = error;
        OtherData = otherData;
    }

    /// <summary>Algorithm Name (e.g. hmac-sha256.).</summary>
    public DnsName Algorithm { get; }
    /// <summary>Time Signed, seconds since 1970 (48 bits).</summary>
    public ulong TimeSigned { get; }
    /// <summary>Fudge: seconds of clock error allowed.</summary>
    public ushort Fudge { get; }
    /// <summary>MAC.</summary>
    public byte[] Mac { get; }
    /// <summary>Original ID of the message.</summary>
    public ushort OriginalId { get; }
    /// <summary>Error (an extended rcode: 16 BADSIG, 17 BADKEY, 18 BADTIME, 22 BADTRUNC).</summary>
    public ushort Error { get; }
    /// <summary>Other Data (the server time with BADTIME).</summary>
    public byte[] OtherData { get; }

    /// <inheritdoc/>
    public override DnsType Type => DnsType.TSIG;

    /// <summary>The rdata length in wire format.</summary>
    internal int Length => Algorithm.WireLength + 16 + Mac.Length + OtherData.Length;

    internal static TsigRecordData Read(ref DnsMessageReader reader)
    {
        DnsName algorithm = reader.ReadName(allowCompression: false);
        ulong time = ((ulong)reader.ReadUInt16() << 32) | reader.ReadUInt32();
        ushort fudge = reader.ReadUInt16();
        byte[] mac = reader.ReadBytes(reader.ReadUInt16()).ToArray();
        ushort originalId = reader.ReadUInt16(), error = reader.ReadUInt16();
        byte[] other = reader.ReadBytes(reader.ReadUInt16()).ToArray();
        return new(algorithm, time, fudge, mac, originalId, error, other);
    }

    internal override void Write(ref DnsMessageWriter writer)
    {
        writer.WriteName(Algorithm, compress: false);
        writer.WriteUInt16((ushort)(TimeSigned >> 32));
        writer.WriteUInt32((uint)TimeSigned);
        writer.WriteUInt16(Fudge);
        writer.WriteUInt16((ushort)Mac.Length);
        writer.WriteBytes(Mac);
        writer.WriteUInt16(OriginalId);
        writer.WriteUInt16(Error);
        writer.WriteUInt16((ushort)OtherData.Length);
        writer.WriteBytes(OtherData);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        string error = Error switch
        {
            0 => "NOERROR",
            16 => "BADSIG",
            17 => "BADKEY",
            18 => "BADTIME",
            22 => "BADTRUNC",
            _ => Number(Error),
        };
        string other = OtherData.Length == 0 ? "0" : $"{OtherData.Length} {Base64(OtherData)}";
        return $"{Algorithm} {Number(TimeSigned)} {Fudge} {Mac.Length} {Base64(Mac)} {OriginalId} {error} {other}";
    }
}
