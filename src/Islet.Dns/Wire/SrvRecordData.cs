using static Islet.Dns.Wire.Internal.Presentation;

namespace Islet.Dns.Wire;

/// <summary>SRV rdata: a service location (RFC 2782). The target may be compressed on read but is
/// never compressed on write (RFC 2782, RFC 3597 §4).</summary>
/// <param name="Priority">Lower values are tried first.</param>
/// <param name="Weight">Relative weight among equal priorities.</param>
/// <param name="Port">The service's port.</param>
/// <param name="Target">The host providing the service.</param>
public sealed class SrvRecordData(ushort Priority, ushort Weight, ushort Port, DnsName Target) : DnsRecordData
{
    /// <summary>PRIORITY.</summary>
    public ushort Priority { get; } = Priority;
    /// <summary>WEIGHT.</summary>
    public ushort Weight { get; } = Weight;
    /// <summary>PORT.</summary>
    public ushort Port { get; } = Port;
    /// <summary>TARGET.</summary>
    public DnsName Target { get; } = Target ?? throw new ArgumentNullException(nameof(Target));

    /// <inheritdoc/>
    public override DnsType Type => DnsType.SRV;

    internal static SrvRecordData Read(ref DnsMessageReader reader)
    {
        ushort priority = reader.ReadUInt16(), weight = reader.ReadUInt16(), port = reader.ReadUInt16();
        return new(priority, weight, port, reader.ReadName());
    }

    internal override void Write(ref DnsMessageWriter writer)
    {
        writer.WriteUInt16(Priority);
        writer.WriteUInt16(Weight);
        writer.WriteUInt16(Port);
        writer.WriteName(Target, compress: false);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Number(Priority)} {Number(Weight)} {Number(Port)} {Target}";
}
