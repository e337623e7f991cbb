namespace Islet.Dns.Wire;

/// <summary>MX rdata: a mail exchange and its preference (RFC 1035 §3.3.9).</summary>
/// <param name="Preference">Lower values are preferred.</param>
/// <param name="Exchange">The mail server's name (compressed on write).</param>
public sealed class MxRecordData(ushort Preference, DnsName Exchange) : DnsRecordData
{
    /// <summary>PREFERENCE.</summary>
    public ushort Preference { get; } = Preference;
    /// <summary>EXCHANGE.</summary>
    public DnsName Exchange { get; } = Exchange ?? throw new ArgumentNullException(nameof(Exchange));

    /// <inheritdoc/>
    public override DnsType Type => DnsType.MX;

    internal static MxRecordData Read(ref DnsMessageReader reader)
    {
        ushort preference = reader.ReadUInt16();
        return new(preference, reader.ReadName());
    }

    internal override void Write(ref DnsMessageWriter writer)
    {
        writer.WriteUInt16(Preference);
        writer.WriteName(Exchange, compress: true);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Internal.Presentation.Number(Preference)} {Exchange}";
}
