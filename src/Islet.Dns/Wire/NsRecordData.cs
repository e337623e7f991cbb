namespace Islet.Dns.Wire;

/// <summary>NS rdata: an authoritative name server (RFC 1035 §3.3.11). The name may be compressed on read and is compressed on write.</summary>
public sealed class NsRecordData : DnsRecordData
{
    /// <summary>Creates the rdata.</summary>
    public NsRecordData(DnsName target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The name in the rdata.</summary>
    public DnsName Target { get; }

    /// <inheritdoc/>
    public override DnsType Type => DnsType.NS;

    internal static NsRecordData Read(ref DnsMessageReader reader) => new(reader.ReadName());

    internal override void Write(ref DnsMessageWriter writer) => writer.WriteName(Target, compress: true);

    /// <inheritdoc/>
    public override string ToString() => Target.ToString();
}
