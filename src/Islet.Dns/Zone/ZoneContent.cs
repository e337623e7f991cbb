using System.Text;
using Islet.Devices;
using Islet.Dns.Wire;

namespace Islet.Dns.Zone;

/// <summary>
/// Zones baked into an image: every key of a content store that ends in <c>.zone</c> is a
/// master file whose origin is its file name without the suffix (<c>example.com.zone</c> is
/// the zone <c>example.com.</c>; a key in a folder uses the last path segment). <c>$INCLUDE</c>
/// is refused: an image has no filesystem to read it from.
/// </summary>
public static class ZoneContent
{
    /// <summary>The file name suffix of a zone file.</summary>
    public const string Suffix = ".zone";

    /// <summary>Loads and checks every zone in <paramref name="store"/>, in key order.</summary>
    /// <exception cref="ZoneFileException">A zone file is invalid; the message names the key and the line.</exception>
    /// <exception cref="InvalidOperationException">The store holds no zone file, or a file name is not a domain name.</exception>
    public static async Task<IReadOnlyList<Zone>> LoadAsync(IKeyValueStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var zones = new List<Zone>();
        foreach (string key in store.List().Where(k => k.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            KeyValueResult value = await store.GetAsync(key, ContentEncoding.Identity, cancellationToken).ConfigureAwait(true);
            if (!value.Found)
                throw new InvalidOperationException($"zone file {key} could not be read ({value.Error})");
            string fileName = key[(key.LastIndexOf('/') + 1)..];
            string originText = fileName[..^Suffix.Length];
            DnsName origin;
            try
            {
                origin = DnsName.Parse(originText.EndsWith('.') ? originText : originText + ".");
            }
            catch (DnsFormatException e)
            {
                throw new InvalidOperationException($"zone file {key}: '{originText}' is not a domain name (name zone files ORIGIN.zone): {e.Message}", e);
            }
            try
            {
                zones.Add(Zone.Load(Encoding.UTF8.GetString(value.Value.Span), origin));
            }
            catch (ZoneFileException e)
            {
                throw new ZoneFileException(e.Line, e.FileName ?? key, e.Reason, e);
            }
        }
        if (zones.Count == 0)
            throw new InvalidOperationException("the content store holds no zone file (*.zone)");
        return zones;
    }
}
