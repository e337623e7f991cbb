namespace Islet.Dns.Wire;

/// <summary>PTR rdata: a domain name pointer (RFC 1035 §3.3.12). The name may be compressed on read and is compressed on write.</summary>
public sealed class PtrRecordData : DnsRecordData
{
    /// <summary>Creates the rdata.</summary>
    public PtrRecordData(DnsName target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The name in the rdata.</summary>
    public DnsName Target { get; }

    /// <inheritdoc/>
    public override DnsType Type => DnsType.PTR;

    internal static PtrRecordData Read(ref DnsMessageReader reader) => new(reader.ReadName());

    internal override void Write(ref DnsMessageWriter writer) => writer.WriteName(Target, compress: true);

    /// <inheritdoc/>
    public override string ToString() => Target.ToString();
}
