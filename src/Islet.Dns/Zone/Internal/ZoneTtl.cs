namespace Islet.Dns.Zone.Internal;

/// <summary>
/// TTLs in master files: a decimal number of seconds (RFC 1035 §5.1), or BIND's units
/// <c>1w2d3h4m5s</c> in any order and case, each number followed by its unit. At most 2^31-1
/// (RFC 2181 §8).
/// </summary>
internal static class ZoneTtl
{
    /// <summary>The largest TTL accepted, 2^31-1 seconds.</summary>
    public const uint Max = int.MaxValue;

    /// <summary>Parses <paramref name="text"/>; false when it is not a TTL or is above <see cref="Max"/>.</summary>
    public static bool TryParse(string text, out uint ttl)
    {
        ttl = 0;
        if (text.Length == 0)
            return false;
        ulong total = 0;
        int i = 0;
        bool units = false;
        while (i < text.Length)
        {
            int start = i;
            ulong n = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                n = n * 10 + (ulong)(text[i] - '0');
                if (n > Max)
                    return false;
                i++;
            }
            if (i == start)
                return false;
            if (i == text.Length)
            {
                if (units)
                    return false;
                total = n;
                break;
            }
            ulong scale = char.ToLowerInvariant(text[i]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                'w' => 604800,
                _ => 0,
            };
            if (scale == 0)
                return false;
            units = true;
            i++;
            total += n * scale;
            if (total > Max)
                return false;
        }
        ttl = (uint)total;
        return true;
    }
}
