using Islet.Dns.Wire;
using Islet.Dns.Wire.Internal;
using Islet.Dns.Zone.Internal;

namespace Islet.Dns.Zone;

public static partial class ZoneRecordParser
{
    /// <summary>The RFC 3597 §5 generic form <c>\# length hex</c>; known types are decoded from the bytes.</summary>
    private static DnsRecordData ParseGeneric(ZoneRdataCursor c, DnsType type)
    {
        c.Next("\\#");
        ushort length = c.UInt16("generic RDATA length");
        byte[] bytes = c.Hex(c.Rest("generic RDATA", allowEmpty: true), "generic RDATA");
        if (bytes.Length != length)
            throw c.Error($"generic RDATA has {bytes.Length} bytes, not the {length} announced");
        if (type is DnsType.OPT or DnsType.TSIG or DnsType.IXFR or DnsType.AXFR or DnsType.ANY)
            throw c.Error($"{c.Entry.Type} is a meta type and cannot appear in a zone");
        if (!Enum.IsDefined(type))
            return new UnknownRecordData(type, bytes);
        try
        {
            var reader = new DnsMessageReader(bytes);
            DnsRecordData data = RecordDataCodec.Read(ref reader, type, bytes.Length);
            if (reader.Remaining != 0)
                throw c.Error($"generic RDATA for {c.Entry.Type} has {reader.Remaining} bytes left over");
            return data;
        }
        catch (Exception e) when (e is DnsFormatException or ArgumentException)
        {
            throw c.Error($"generic RDATA is not a valid {c.Entry.Type}: {e.Message}");
        }
    }
}
