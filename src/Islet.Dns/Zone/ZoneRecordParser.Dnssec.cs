using System.Globalization;
using Islet.Dns.Wire;
using Islet.Dns.Zone.Internal;

namespace Islet.Dns.Zone;

public static partial class ZoneRecordParser
{
    private static RrsigRecordData ParseRrsig(ZoneRdataCursor c)
    {
        DnsType covered = TypeMnemonic(c, c.NextPlain("type covered"));
        byte algorithm = c.Byte("algorithm"), labels = c.Byte("labels");
        uint originalTtl = c.UInt32("original TTL");
        uint expiration = Time(c, "expiration"), inception = Time(c, "inception");
        ushort keyTag = c.UInt16("key tag");
        DnsName signer = c.Name("signer name");
        byte[] signature = c.Base64(c.Rest("signature", allowEmpty: false), "signature");
        return new RrsigRecordData(covered, algorithm, labels, originalTtl, expiration, inception, keyTag, signer, signature);
    }

    private static NsecRecordData ParseNsec(ZoneRdataCursor c)
    {
        DnsName next = c.Name("next domain name");
        var types = new List<DnsType>();
        while (!c.AtEnd)
            types.Add(TypeMnemonic(c, c.NextPlain("type")));
        return new NsecRecordData(next, types);
    }

    private static DnsType TypeMnemonic(ZoneRdataCursor c, string text)
    {
        if (!ZoneMnemonics.TryParseType(text, out string canonical))
            throw c.Error($"unknown type '{text}'");
        return ParseType(canonical, c);
    }

    /// <summary>An RRSIG time: YYYYMMDDHHmmSS (UTC) or a decimal count of seconds (RFC 4034 §3.2).</summary>
    private static uint Time(ZoneRdataCursor c, string what)
    {
        string text = c.NextPlain(what);
        if (text.Length == 14 && text.All(char.IsAsciiDigit))
        {
            if (!DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time))
                throw c.Error($"bad {what} '{text}'");
            long seconds = new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeSeconds();
            if (seconds is < 0 or > uint.MaxValue)
                throw c.Error($"{what} '{text}' is outside the 32-bit range");
            return (uint)seconds;
        }
        if (text.Length is > 0 and <= 10 && text.All(char.IsAsciiDigit)
            && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint value))
            return value;
        throw c.Error($"bad {what} '{text}' (YYYYMMDDHHmmSS or seconds)");
    }
}
