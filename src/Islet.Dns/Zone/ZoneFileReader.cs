using Islet.Dns.Zone.Internal;

namespace Islet.Dns.Zone;

/// <summary>
/// Reads DNS master files (RFC 1035 §5, "zone files") into <see cref="ZoneEntry"/> items without
/// interpreting the RDATA, which stays as tokens for the typed parser.
/// </summary>
/// <remarks>
/// <para>Handled: <c>;</c> comments, parentheses across lines (not nested), quoted strings, <c>$ORIGIN</c>
/// (absolute names only), <c>$TTL</c> (RFC 2308), <c>$INCLUDE file [origin]</c> (only with
/// <see cref="ZoneFileOptions.AllowInclude"/>, through <see cref="ZoneFileOptions.IncludeResolver"/>),
/// a blank owner meaning the previous owner, <c>@</c> for the origin, relative names, TTL and class
/// in either order and both optional, BIND TTL units, and RFC 3597's <c>TYPEnnn</c> and
/// <c>CLASSnnn</c>.</para>
/// <para>A record with no TTL takes the <c>$TTL</c>, else the previous record's TTL; with
/// neither it is an error, except for SOA, whose <see cref="ZoneEntry.Ttl"/> is then null and whose
/// minimum field (when it is a TTL) becomes the previous TTL for the records after it, as in
/// RFC 1035 §5.3's example.</para>
/// <para>Every error in the text is a <see cref="ZoneFileException"/> with its line; nothing else is
/// thrown for bad input. The reader holds no state between calls.</para>
/// </remarks>
public sealed class ZoneFileReader
{
    /// <summary>A reader with the given options (default: no origin, no default TTL, no <c>$INCLUDE</c>).</summary>
    /// <exception cref="ArgumentException">The options' origin is not a valid absolute name, or the default TTL is above 2^31-1.</exception>
    public ZoneFileReader(ZoneFileOptions? options = null)
    {
        Options = options ?? new ZoneFileOptions();
        _ = new ZoneFileParser(Options);
    }

    /// <summary>The options the reader was made with.</summary>
    public ZoneFileOptions Options { get; }

    /// <summary>Reads every entry of <paramref name="text"/>, in order.</summary>
    /// <exception cref="ZoneFileException">The text is not a valid master file.</exception>
    public IReadOnlyList<ZoneEntry> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ZoneFileParser(Options);
        parser.Parse(text, null);
        return parser.Entries.AsReadOnly();
    }

    /// <summary>Reads <paramref name="reader"/> to its end and returns its entries; the caller keeps ownership of the reader.</summary>
    /// <exception cref="ZoneFileException">The text is not a valid master file.</exception>
    public IReadOnlyList<ZoneEntry> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(reader.ReadToEnd());
    }
}
