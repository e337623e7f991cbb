using System.Globalization;
using System.Text;
using Islet.Dns.Wire;

namespace Islet.Dns.Zone;

/// <summary>
/// Writes a <see cref="Zone"/> as master-file text (RFC 1035 §5) that <see cref="Zone.Load"/>
/// reads back to the same records: a <c>$ORIGIN</c> and a <c>$TTL</c> line, then every record,
/// the SOA first, one per line with its owner, TTL, class and type given explicitly and every
/// name fully qualified (so no line depends on the one before). Rdata is written in the
/// presentation form of each type (RFC 3597 <c>\#</c> form for unknown types).
/// </summary>
public static class ZoneFileWriter
{
    /// <summary>The master-file text of <paramref name="zone"/>.</summary>
    public static string Write(Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var text = new StringBuilder();
        Write(zone, new StringWriter(text, CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Writes the master-file text of <paramref name="zone"/> to <paramref name="output"/>
    /// (lines end in <c>\n</c>). The writer is not flushed or closed.</summary>
    public static void Write(Zone zone, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("$ORIGIN ");
        output.Write(zone.Origin.ToString());
        output.Write('\n');
        output.Write("$TTL ");
        output.Write(zone.Soa.Ttl.ToString(CultureInfo.InvariantCulture));
        output.Write('\n');
        foreach (DnsRecord record in zone.Records)
        {
            output.Write(record.ToString());
            output.Write('\n');
        }
    }
}
