namespace Islet.Dns.Zone;

/// <summary>
/// One resource record read from a master file by <see cref="ZoneFileReader"/>, before its RDATA
/// is interpreted: the owner, TTL, class and type are resolved and the RDATA is left as tokens.
/// </summary>
public sealed class ZoneEntry
{
    internal ZoneEntry(string owner, uint? ttl, DnsClass dnsClass, string type, IReadOnlyList<ZoneToken> data,
        string? origin, int line, string? fileName)
    {
        Owner = owner;
        Ttl = ttl;
        Class = dnsClass;
        Type = type;
        Data = data;
        Origin = origin;
        Line = line;
        FileName = fileName;
    }

    /// <summary>
    /// The owner name, absolute, in presentation form ending in <c>.</c> (the root is <c>.</c>).
    /// Escapes (<c>\.</c>, <c>\DDD</c>) and letter case are kept as written.
    /// </summary>
    public string Owner { get; }

    /// <summary>
    /// The TTL in seconds (at most 2^31-1). Null only for an SOA record with no TTL field, no
    /// <c>$TTL</c> and no earlier TTL: the typed parser then takes the SOA minimum (RFC 1035 §5.2;
    /// RFC 2308 §4). Records after such an SOA default to its minimum field when it parses as a TTL.
    /// </summary>
    public uint? Ttl { get; }

    /// <summary>The class: the one written, else the previous entry's, else <see cref="DnsClass.Internet"/>.</summary>
    public DnsClass Class { get; }

    /// <summary>
    /// The type mnemonic, upper-cased: one of A NS CNAME SOA PTR MX TXT AAAA SRV DS RRSIG NSEC
    /// DNSKEY CAA TSIG OPT, or <c>TYPEnnn</c> (RFC 3597 §5) with the number in canonical decimal.
    /// </summary>
    public string Type { get; }

    /// <summary>The RDATA tokens in order; parentheses and comments are already removed. May be empty.</summary>
    public IReadOnlyList<ZoneToken> Data { get; }

    /// <summary>
    /// The <c>$ORIGIN</c> in effect for this entry (absolute), or null when there was none: the
    /// typed parser appends it to relative names in the RDATA.
    /// </summary>
    public string? Origin { get; }

    /// <summary>The 1-based line on which the entry began, for error messages.</summary>
    public int Line { get; }

    /// <summary>The <c>$INCLUDE</c> file name the entry came from, or null for the text given to the reader.</summary>
    public string? FileName { get; }

    /// <summary>The entry in master-file form, for diagnostics.</summary>
    public override string ToString() =>
        $"{Owner} {(Ttl is uint t ? t.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")} {Class} {Type} {string.Join(' ', Data)}";
}
