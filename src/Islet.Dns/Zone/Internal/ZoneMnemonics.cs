namespace Islet.Dns.Zone.Internal;

/// <summary>The type and class mnemonics a master file may use, and RFC 3597 §5's <c>TYPEnnn</c>/<c>CLASSnnn</c>.</summary>
internal static class ZoneMnemonics
{
    private static readonly string[] s_types =
        ["A", "NS", "CNAME", "SOA", "PTR", "MX", "TXT", "AAAA", "SRV", "DS", "RRSIG", "NSEC", "DNSKEY", "CAA", "TSIG", "OPT"];

    /// <summary>
    /// The upper-cased mnemonic for <paramref name="text"/>, or <c>TYPEnnn</c> with the number in
    /// canonical decimal; false for anything else.
    /// </summary>
    public static bool TryParseType(string text, out string type)
    {
        foreach (string known in s_types)
        {
            if (string.Equals(known, text, StringComparison.OrdinalIgnoreCase))
            {
                type = known;
                return true;
            }
        }
        if (TryParseNumbered(text, "TYPE", out ushort number))
        {
            type = "TYPE" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }
        type = "";
        return false;
    }

    /// <summary>IN, CH, HS (any case) or <c>CLASSnnn</c>; false for anything else.</summary>
    public static bool TryParseClass(string text, out DnsClass dnsClass)
    {
        dnsClass = text.ToUpperInvariant() switch
        {
            "IN" => DnsClass.Internet,
            "CH" => DnsClass.Chaos,
            "HS" => DnsClass.Hesiod,
            _ => 0,
        };
        if (dnsClass != 0)
            return true;
        if (TryParseNumbered(text, "CLASS", out ushort number))
        {
            dnsClass = (DnsClass)number;
            return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="text"/> starts with CLASS (any case), so a failure to parse it is a bad class.</summary>
    public static bool LooksLikeClass(string text) => text.StartsWith("CLASS", StringComparison.OrdinalIgnoreCase);

    private static bool TryParseNumbered(string text, string prefix, out ushort number)
    {
        number = 0;
        if (text.Length <= prefix.Length || text.Length > prefix.Length + 5
            || !text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        uint value = 0;
        for (int i = prefix.Length; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return false;
            value = value * 10 + (uint)(text[i] - '0');
        }
        if (value > ushort.MaxValue)
            return false;
        number = (ushort)value;
        return true;
    }
}
