using static Islet.Dns.Wire.Internal.Presentation;

namespace Islet.Dns.Wire;

/// <summary>SOA rdata: the start of a zone of authority (RFC 1035 §3.3.13).</summary>
/// <param name="PrimaryServer">MNAME, the primary name server.</param>
/// <param name="ResponsibleMailbox">RNAME, the mailbox of the person responsible, as a name.</param>
/// <param name="Serial">The zone's serial number.</param>
/// <param name="Refresh">Seconds between secondary refreshes.</param>
/// <param name="Retry">Seconds before retrying a failed refresh.</param>
/// <param name="Expire">Seconds after which a secondary stops answering.</param>
/// <param name="Minimum">The negative-caching TTL (RFC 2308).</param>
public sealed class SoaRecordData(
    DnsName PrimaryServer, DnsName ResponsibleMailbox, uint Serial, uint Refresh, uint Retry, uint Expire, uint Minimum)
    : DnsRecordData
{
    /// <summary>MNAME.</summary>
    public DnsName PrimaryServer { get; } = PrimaryServer ?? throw new ArgumentNullException(nameof(PrimaryServer));
    /// <summary>RNAME.</summary>
    public DnsName ResponsibleMailbox { get; } = ResponsibleMailbox ?? throw new ArgumentNullException(nameof(ResponsibleMailbox));
    /// <summary>SERIAL.</summary>
    public uint Serial { get; } = Serial;
    /// <summary>REFRESH.</summary>
    public uint Refresh { get; } = Refresh;
    /// <summary>RETRY.</summary>
    public uint Retry { get; } = Retry;
    /// <summary>EXPIRE.</summary>
    public uint Expire { get; } = Expire;
    /// <summary>MINIMUM.</summary>
    public uint Minimum { get; } = Minimum;

    /// <inheritdoc/>
    public override DnsType Type => DnsType.SOA;

    internal static SoaRecordData Read(ref DnsMessageReader reader)
    {
        DnsName mname = reader.ReadName(), rname = reader.ReadName();
        return new(mname, rname, reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());
    }

    internal override void Write(ref DnsMessageWriter writer)
    {
        writer.WriteName(PrimaryServer, compress: true);
        writer.WriteName(ResponsibleMailbox, compress: true);
        writer.WriteUInt32(Serial);
        writer.WriteUInt32(Refresh);
        writer.WriteUInt32(Retry);
        writer.WriteUInt32(Expire);
        writer.WriteUInt32(Minimum);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{PrimaryServer} {ResponsibleMailbox} {Number(Serial)} {Number(Refresh)} {Number(Retry)} {Number(Expire)} {Number(Minimum)}";
}
