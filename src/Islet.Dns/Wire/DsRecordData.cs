namespace Islet.Dns.Wire;

/// <summary>DS rdata: a delegation signer (RFC 4034 §5).</summary>
/// <param name="KeyTag">The key tag of the DNSKEY referred to.</param>
/// <param name="Algorithm">The DNSSEC algorithm number.</param>
/// <param name="DigestType">The digest algorithm (2 is SHA-256).</param>
/// <param name="Digest">The digest bytes.</param>
public sealed class DsRecordData(ushort KeyTag, byte Algorithm, byte DigestType, byte[] Digest) : DnsRecordData
{
    /// <summary>Key Tag.</summary>
    public ushort KeyTag { get; } = KeyTag;
    /// <summary>Algorithm.</summary>
    public byte Algorithm { get; } = Algorithm;
    /// <summary>Digest Type.</summary>
    public byte DigestType { get; } = DigestType;
    /// <summary>Digest.</summary>
    public byte[] Digest { get; } = Digest ?? throw new ArgumentNullException(nameof(Digest));

    /// <inheritdoc/>
    public override DnsType Type => DnsType.DS;

    internal static DsRecordData Read(ref DnsMessageReader reader)
    {
        ushort tag = reader.ReadUInt16();
        byte algorithm = reader.ReadByte(), digestType = reader.ReadByte();
        return new(tag, algorithm, digestType, reader.ReadBytes(reader.Remaining).ToArray());
    }

    internal override void Write(ref DnsMessageWriter writer)
    {
        writer.WriteUInt16(KeyTag);
        writer.WriteByte(Algorithm);
        writer.WriteByte(DigestType);
        writer.WriteBytes(Digest);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{KeyTag} {Algorithm} {DigestType} {Internal.Presentation.Hex(Digest)}";
}
