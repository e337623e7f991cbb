using static Islet.Dns.Wire.Internal.Presentation;

namespace Islet.Dns.Wire;

/// <summary>RRSIG rdata: a DNSSEC signature over an RRset (RFC 4034 §3). The signer's name is never
/// compressed (§3.1.7), on read or write.</summary>
/// <param name="TypeCovered">The type of the RRset signed.</param>
/// <param name="Algorithm">The DNSSEC algorithm number.</param>
/// <param name="Labels">The label count of the original owner name (wildcards excluded).</param>
/// <param name="OriginalTtl">The TTL of the RRset as signed.</param>
/// <param name="Expiration">The end of validity, in seconds since 1970 (serial arithmetic).</param>
/// <param name="Inception">The start of validity, in seconds since 1970.</param>
/// <param name="KeyTag">The key tag of the signing DNSKEY.</param>
/// <param name="SignerName">The zone that signed.</param>
/// <param name="Signature">The signature bytes.</param>
public sealed class RrsigRecordData(
    DnsType TypeCovered, byte Algorithm, byte Labels, uint OriginalTtl, uint Expiration, uint Inception,
    ushort KeyTag, DnsName SignerName, byte[] Signature) : DnsRecordData
{
    /// <summary>Type Covered.</summary>
    public DnsType TypeCovered { get; } = TypeCovered;
    /// <summary>Algorithm.</summary>
    public byte Algorithm { get; } = Algorithm;
    /// <summary>Labels.</summary>
    public byte Labels { get; } = Labels;
    /// <summary>Original TTL.</summary>
    public uint OriginalTtl { get; } = OriginalTtl;
    /// <summary>Signature Expiration.</summary>
    public uint Expiration { get; } = Expiration;
    /// <summary>Signature Inception.</summary>
    public uint Inception { get; } = Inception;
    /// <summary>Key Tag.</summary>
    public ushort KeyTag { get; } = KeyTag;
    /// <summary>Signer's Name.</summary>
    public DnsName SignerName { get; } = SignerName ?? throw new ArgumentNullException(nameof(SignerName));
    /// <summary>Signature.</summary>
    public byte[] Signature { get; } = Signature ?? throw new ArgumentNullException(nameof(Signature));

    /// <inheritdoc/>
    public override DnsType Type => DnsType.RRSIG;

    internal static RrsigRecordData Read(ref DnsMessageReader reader)
    {
        var covered = (DnsType)reader.ReadUInt16();
        byte algorithm = reader.ReadByte(), labels = reader.ReadByte();
        uint ttl = reader.ReadUInt32(), expiration = reader.ReadUInt32(), inception = reader.ReadUInt32();
        ushort keyTag = reader.ReadUInt16();
        DnsName signer = reader.ReadName(allowCompression: false);
        return new(covered, algorithm, labels, ttl, expiration, inception, keyTag, signer, reader.ReadBytes(reader.Remaining).ToArray());
    }

    internal override void Write(ref DnsMessageWriter writer)
    {
        writer.WriteUInt16((ushort)TypeCovered);
        writer.WriteByte(Algorithm);
        writer.WriteByte(Labels);
        writer.WriteUInt32(OriginalTtl);
        writer.WriteUInt32(Expiration);
        writer.WriteUInt32(Inception);
        writer.WriteUInt16(KeyTag);
        writer.WriteName(SignerName, compress: false);
        writer.WriteBytes(Signature);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{TypeName(TypeCovered)} {Algorithm} {Labels} {Number(OriginalTtl)} {Time(Expiration)} {Time(Inception)} {KeyTag} {SignerName} {Base64(Signature)}";
}
