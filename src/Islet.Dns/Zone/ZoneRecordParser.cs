using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Islet.Dns.Wire;
using Islet.Dns.Zone.Internal;

namespace Islet.Dns.Zone;

/// <summary>
/// Turns a type-agnostic <see cref="ZoneEntry"/> from <see cref="ZoneFileReader"/> into a typed
/// <see cref="DnsRecord"/>: the RDATA tokens are parsed by type, relative names are resolved
/// against <see cref="ZoneEntry.Origin"/>, and the RFC 3597 generic form <c>\# length hex</c> is
/// accepted for every type.
/// </summary>
public static partial class ZoneRecordParser
{
    /// <summary>
    /// Parses <paramref name="entry"/>. An SOA without a TTL takes its own MINIMUM field as TTL
    /// (RFC 2308 §4).
    /// </summary>
    /// <exception cref="ZoneFileException">The RDATA is malformed; the exception carries the entry's line.</exception>
    public static DnsRecord Parse(ZoneEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        DnsName? origin = null;
        var cursor = new ZoneRdataCursor(entry, null);
        if (entry.Origin is not null)
            origin = cursor.ParseName(entry.Origin, "origin");
        cursor = new ZoneRdataCursor(entry, origin);
        DnsName owner = cursor.ParseName(entry.Owner, "owner");
        DnsType type = ParseType(entry.Type, cursor);
        DnsRecordData data = IsGeneric(entry) ? ParseGeneric(cursor, type) : ParseTyped(cursor, type);
        uint ttl = entry.Ttl ?? (data is SoaRecordData soa ? soa.Minimum
            : throw cursor.Error($"{entry.Type} record has no TTL"));
        return new DnsRecord(owner, entry.Class, ttl, data);
    }

    private static DnsType ParseType(string text, ZoneRdataCursor cursor)
    {
        if (text.StartsWith("TYPE", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out ushort number))
            return (DnsType)number;
        if (Enum.TryParse(text, ignoreCase: true, out DnsType type) && Enum.IsDefined(type))
            return type;
        throw cursor.Error($"unknown type '{text}'");
    }

    private static bool IsGeneric(ZoneEntry entry) => entry.Data.Count > 0 && entry.Data[0] is { Text: "\\#", IsQuoted: false };

    private static DnsRecordData ParseTyped(ZoneRdataCursor c, DnsType type)
    {
        DnsRecordData data = type switch
        {
            DnsType.A => new ARecordData(Address(c, AddressFamily.InterNetwork)),
            DnsType.AAAA => new AaaaRecordData(Address(c, AddressFamily.InterNetworkV6)),
            DnsType.NS => new NsRecordData(c.Name("name server")),
            DnsType.CNAME => new CNameRecordData(c.Name("canonical name")),
            DnsType.PTR => new PtrRecordData(c.Name("target name")),
            DnsType.SOA => new SoaRecordData(c.Name("primary server"), c.Name("responsible mailbox"),
                c.UInt32("serial"), c.Timer("refresh"), c.Timer("retry"), c.Timer("expire"), c.Timer("minimum")),
            DnsType.MX => new MxRecordData(c.UInt16("preference"), c.Name("exchange")),
            DnsType.TXT => ParseTxt(c),
            DnsType.SRV => new SrvRecordData(c.UInt16("priority"), c.UInt16("weight"), c.UInt16("port"), c.Name("target")),
            DnsType.CAA => ParseCaa(c),
            DnsType.DS => new DsRecordData(c.UInt16("key tag"), c.Byte("algorithm"), c.Byte("digest type"),
                c.Hex(c.Rest("digest", allowEmpty: false), "digest")),
            DnsType.DNSKEY => new DnsKeyRecordData(c.UInt16("flags"), c.Byte("protocol"), c.Byte("algorithm"),
                c.Base64(c.Rest("public key", allowEmpty: false), "public key")),
            DnsType.RRSIG => ParseRrsig(c),
            DnsType.NSEC => ParseNsec(c),
            DnsType.OPT or DnsType.TSIG or DnsType.IXFR or DnsType.AXFR or DnsType.ANY =>
                throw c.Error($"{c.Entry.Type} is a meta type and cannot appear in a zone"),
            _ => throw c.Error($"type {c.Entry.Type} has no presentation format here; use the generic form \\# length hex"),
        };
        c.End();
        return data;
    }

    private static IPAddress Address(ZoneRdataCursor c, AddressFamily family)
    {
        string text = c.NextPlain("address");
        bool ok = family == AddressFamily.InterNetwork
            ? text.Count(ch => ch == '.') == 3 && text.All(ch => ch == '.' || char.IsAsciiDigit(ch))
            : text.Contains(':') && !text.Contains('%');
        if (ok && IPAddress.TryParse(text, out IPAddress? address) && address.AddressFamily == family)
            return address;
        throw c.Error($"bad {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address '{text}'");
    }

    private static TxtRecordData ParseTxt(ZoneRdataCursor c)
    {
        var strings = new List<byte[]>();
        while (!c.AtEnd)
            strings.Add(c.CharacterString(c.Next("text")));
        if (strings.Count == 0)
            throw c.Error("TXT record has no character-string");
        return new TxtRecordData(strings);
    }

    private static CaaRecordData ParseCaa(ZoneRdataCursor c)
    {
        byte flags = c.Byte("flags");
        string tag = c.NextPlain("tag");
        if (tag.Length is 0 or > 255 || !tag.All(char.IsAsciiLetterOrDigit))
            throw c.Error($"bad CAA tag '{tag}' (1 to 255 ASCII letters and digits)");
        byte[] value = c.CharacterString(c.Next("value"));
        return new CaaRecordData(flags, tag, value);
    }
}
