namespace Islet.Dns.Wire;

/// <summary>CNAME rdata: the canonical name of an alias (RFC 1035 §3.3.1). The name may be compressed on read and is compressed on write.</summary>
public sealed class CNameRecordData : DnsRecordData
{
    /// <summary>Creates the rdata.</summary>
    public CNameRecordData(DnsName target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The name in the rdata.</summary>
    public DnsName Target { get; }

    /// <inheritdoc/>
    public override DnsType Type => DnsType.CNAME;

    internal static CNameRecordData Read(ref DnsMessageReader reader) => new(reader.ReadName());

    internal override void Write(ref DnsMessageWriter writer) => writer.WriteName(Target, compress: true);

    /// <inheritdoc/>
    public override string ToString() => Target.ToString();
}
