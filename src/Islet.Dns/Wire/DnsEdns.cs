namespace Islet.Dns.Wire;

/// <summary>EDNS(0) information carried by a message's OPT record (RFC 6891 §6.1.3).</summary>
public sealed class DnsEdns
{
    /// <summary>The requestor's UDP payload size (the OPT record's CLASS).</summary>
    public ushort UdpPayloadSize { get; init; } = 1232;
    /// <summary>The upper 8 bits of the 12-bit response code.</summary>
    public byte ExtendedRcode { get; init; }
    /// <summary>The EDNS version (0).</summary>
    public byte Version { get; init; }
    /// <summary>DO: DNSSEC answer OK (RFC 3225).</summary>
    public bool DnssecOk { get; init; }
    /// <summary>The options in order.</summary>
    public IReadOnlyList<EdnsOption> Options { get; init; } = [];

    /// <summary>The OPT record's length in wire format.</summary>
    internal int WireLength => 11 + OptRecordData.OptionsLength(Options);

    internal uint Ttl => ((uint)ExtendedRcode << 24) | ((uint)Version << 16) | (DnssecOk ? 0x8000u : 0);

    internal static DnsEdns FromRecord(DnsRecord record)
    {
        if (!record.Name.IsRoot)
            DnsFormatException.Throw($"The OPT record's owner is {record.Name}, not the root.");
        return new DnsEdns
        {
            UdpPayloadSize = (ushort)record.Class,
            ExtendedRcode = (byte)(record.Ttl >> 24),
            Version = (byte)(record.Ttl >> 16),
            DnssecOk = (record.Ttl & 0x8000) != 0,
            Options = ((OptRecordData)record.Data).Options,
        };
    }

    internal void Write(ref DnsMessageWriter writer)
    {
        writer.WriteByte(0);
        writer.WriteUInt16((ushort)DnsType.OPT);
        writer.WriteUInt16(UdpPayloadSize);
        writer.WriteUInt32(Ttl);
        writer.WriteUInt16((ushort)(WireLength - 11));
        OptRecordData.WriteOptions(ref writer, Options);
    }

    /// <summary>The OPT pseudosection as dig prints it.</summary>
    public override string ToString() =>
        $"; EDNS: version: {Version}, flags:{(DnssecOk ? " do" : "")}; udp: {UdpPayloadSize}";
}
