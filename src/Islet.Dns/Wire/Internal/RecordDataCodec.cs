namespace Islet.Dns.Wire.Internal;

/// <summary>Chooses the rdata decoder for a type; the reader has already limited itself to the rdata.</summary>
internal static class RecordDataCodec
{
    /// <summary>Empty rdata (rdlength 0) of any type but OPT and TSIG is kept as an empty
    /// <see cref="UnknownRecordData"/> of that type: dynamic update uses it in prerequisites and
    /// deletions (RFC 2136 §2.4, §2.5), where the class is ANY or NONE.</summary>
    public static DnsRecordData Read(ref DnsMessageReader reader, DnsType type, int length) => type switch
    {
        not (DnsType.OPT or DnsType.TSIG) when length == 0 => new UnknownRecordData(type, []),
        DnsType.A => ARecordData.Read(ref reader),
        DnsType.AAAA => AaaaRecordData.Read(ref reader),
        DnsType.NS => NsRecordData.Read(ref reader),
        DnsType.CNAME => CNameRecordData.Read(ref reader),
        DnsType.PTR => PtrRecordData.Read(ref reader),
        DnsType.SOA => SoaRecordData.Read(ref reader),
        DnsType.MX => MxRecordData.Read(ref reader),
        DnsType.TXT => TxtRecordData.Read(ref reader),
        DnsType.SRV => SrvRecordData.Read(ref reader),
        DnsType.CAA => CaaRecordData.Read(ref reader),
        DnsType.DS => DsRecordData.Read(ref reader),
        DnsType.DNSKEY => DnsKeyRecordData.Read(ref reader),
        DnsType.RRSIG => RrsigRecordData.Read(ref reader),
        DnsType.NSEC => NsecRecordData.Read(ref reader),
        DnsType.TSIG => TsigRecordData.Read(ref reader),
        DnsType.OPT => OptRecordData.Read(ref reader),
        _ => new UnknownRecordData(type, reader.ReadBytes(length).ToArray()),
    };
}
