namespace Islet.Dns.Wire;

/// <summary>DNSKEY rdata: a DNSSEC public key (RFC 4034 §2).</summary>
/// <param name="Flags">256 for a zone key, 257 with the secure entry point bit.</param>
/// <param name="Protocol">Always 3.</param>
/// <param name="Algorithm">The DNSSEC algorithm number.</param>
/// <param name="PublicKey">The key material.</param>
public sealed class DnsKeyRecordData(ushort Flags, byte Protocol, byte Algorithm, byte[] PublicKey) : DnsRecordData
{
    /// <summary>Flags.</summary>
    public ushort Flags { get; } = Flags;
    /// <summary>Protocol.</summary>
    public byte Protocol { get; } = Protocol;
    /// <summary>Algorithm.</summary>
    public byte Algorithm { get; } = Algorithm;
    /// <summary>Public Key.</summary>
    public byte[] PublicKey { get; } = PublicKey ?? throw new ArgumentNullException(nameof(PublicKey));

    /// <inheritdoc/>
    public override DnsType Type => DnsType.DNSKEY;

    internal static DnsKeyRecordData Read(ref DnsMessageReader reader)
    {
        ushort flags = reader.ReadUInt16();
        byte protocol = reader.ReadByte(), algorithm = reader.ReadByte();
        return new(flags, protocol, algorithm, reader.ReadBytes(reader.Remaining).ToArray());
    }

    internal override void Write(ref DnsMessageWriter writer)
    {
        writer.WriteUInt16(Flags);
        writer.WriteByte(Protocol);
        writer.WriteByte(Algorithm);
        writer.WriteBytes(PublicKey);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Flags} {Protocol} {Algorithm} {Internal.Presentation.Base64(PublicKey)}";
}
