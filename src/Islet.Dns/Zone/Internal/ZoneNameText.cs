namespace Islet.Dns.Zone.Internal;

/// <summary>
/// Domain names in presentation form (RFC 1035 §5.1): making them absolute against an origin and
/// checking label lengths (at most 63 bytes after unescaping) and the total (at most 255 bytes
/// in wire form), without changing how they are written.
/// </summary>
internal static class ZoneNameText
{
    /// <summary>Whether <paramref name="name"/> ends in an unescaped dot (<c>a\.</c> does not; <c>a\\.</c> does).</summary>
    public static bool IsAbsolute(string name)
    {
        bool dot = false;
        int i = 0;
        while (i < name.Length)
        {
            dot = name[i] == '.';
            i += name[i] == '\\' ? Math.Max(EscapeLength(name, i), 1) : 1;
        }
        return dot;
    }

    /// <summary>
    /// Makes <paramref name="name"/> absolute: <c>@</c> is the origin, a relative name gets the
    /// origin appended. Returns null on success, else the reason it failed (no origin, a bad
    /// escape, an empty or too long label, a name over 255 bytes).
    /// </summary>
    public static string? TryMakeAbsolute(string name, string? origin, out string absolute)
    {
        absolute = "";
        if (name == "@")
        {
            if (origin is null)
                return "'@' with no $ORIGIN";
            absolute = origin;
            return null;
        }
        if (IsAbsolute(name))
            absolute = name;
        else if (origin is null)
            return $"relative name '{name}' with no $ORIGIN";
        else
            absolute = origin == "." ? name + "." : name + "." + origin;
        return Validate(absolute);
    }

    /// <summary>Checks an absolute name; null when it is valid, else the reason.</summary>
    public static string? Validate(string name)
    {
        if (name == ".")
            return null;
        int total = 1;
        int label = 0;
        int i = 0;
        while (i < name.Length)
        {
            char c = name[i];
            if (c == '.')
            {
                if (label == 0)
                    return $"empty label in '{name}'";
                total += label + 1;
                label = 0;
                i++;
                continue;
            }
            if (c == '\\')
            {
                int length = EscapeLength(name, i);
                if (length == 0)
                    return $"bad escape in '{name}'";
                label += length == 4 ? 1 : Utf8Length(name[i + 1]);
                i += length;
            }
            else
            {
                label += Utf8Length(c);
                i++;
            }
            if (label > 63)
                return $"label longer than 63 bytes in '{name}'";
        }
        if (label != 0)
            return $"name '{name}' is not absolute";
        return total > 255 ? $"name longer than 255 bytes: '{name}'" : null;
    }

    /// <summary>
    /// The length of the escape starting at <paramref name="i"/>: 4 for <c>\DDD</c> (DDD at most
    /// 255), 2 for <c>\X</c>, 0 when the text ends or the digits are not a valid <c>\DDD</c>.
    /// </summary>
    private static int EscapeLength(string s, int i)
    {
        if (i + 1 >= s.Length)
            return 0;
        if (!char.IsAsciiDigit(s[i + 1]))
            return 2;
        if (i + 3 >= s.Length || !char.IsAsciiDigit(s[i + 2]) || !char.IsAsciiDigit(s[i + 3]))
            return 0;
        int value = (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
        return value <= 255 ? 4 : 0;
    }

    /// <summary>UTF-8 bytes for one UTF-16 unit (a surrogate counts 2, so a pair counts 4).</summary>
    private static int Utf8Length(char c) => c < 0x80 ? 1 : c < 0x800 || char.IsSurrogate(c) ? 2 : 3;
}
