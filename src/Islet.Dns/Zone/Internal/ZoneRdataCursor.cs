using System.Globalization;
using System.Text;
using Islet.Dns.Wire;

namespace Islet.Dns.Zone.Internal;

/// <summary>
/// Walks the RDATA tokens of one <see cref="ZoneEntry"/>, turning each into a field; every
/// malformed field becomes a <see cref="ZoneFileException"/> carrying the entry's line.
/// </summary>
internal sealed class ZoneRdataCursor(ZoneEntry entry, DnsName? origin)
{
    private int _index;

    public ZoneEntry Entry { get; } = entry;

    public bool AtEnd => _index >= Entry.Data.Count;

    public ZoneFileException Error(string reason) => new(Entry.Line, Entry.FileName, reason);

    public ZoneToken Next(string what)
    {
        if (AtEnd)
            throw Error($"{Entry.Type} record is missing its {what}");
        return Entry.Data[_index++];
    }

    public string NextPlain(string what)
    {
        ZoneToken token = Next(what);
        return token.Text;
    }

    public void End()
    {
        if (!AtEnd)
            throw Error($"{Entry.Type} record has unexpected data '{Entry.Data[_index]}'");
    }

    public DnsName Name(string what)
    {
        string text = NextPlain(what);
        return ParseName(text, what);
    }

    public DnsName ParseName(string text, string what)
    {
        if (text == "@")
            return origin ?? throw Error($"'@' as {what} with no $ORIGIN");
        try
        {
            return DnsName.Parse(text, origin);
        }
        catch (DnsFormatException e)
        {
            throw Error($"bad {what} '{text}': {e.Message}");
        }
    }

    public ulong Number(string what, ulong max)
    {
        string text = NextPlain(what);
        if (text.Length is 0 or > 20 || !text.All(char.IsAsciiDigit)
            || !ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) || value > max)
            throw Error($"bad {what} '{text}' (a number from 0 to {max})");
        return value;
    }

    public byte Byte(string what) => (byte)Number(what, byte.MaxValue);

    public ushort UInt16(string what) => (ushort)Number(what, ushort.MaxValue);

    public uint UInt32(string what) => (uint)Number(what, uint.MaxValue);

    /// <summary>A 32-bit timer that may use TTL units (1h30m), as BIND allows in SOA fields.</summary>
    public uint Timer(string what)
    {
        string text = NextPlain(what);
        if (ZoneTtl.TryParse(text, out uint value))
            return value;
        if (text.All(char.IsAsciiDigit) && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
            return value;
        throw Error($"bad {what} '{text}'");
    }

    /// <summary>Concatenates all remaining tokens (base64 or hex split over several tokens).</summary>
    public string Rest(string what, bool allowEmpty)
    {
        var text = new StringBuilder();
        while (!AtEnd)
        {
            ZoneToken token = Entry.Data[_index++];
            if (token.IsQuoted)
                throw Error($"{what} may not be quoted");
            text.Append(token.Text);
        }
        if (text.Length == 0 && !allowEmpty)
            throw Error($"{Entry.Type} record is missing its {what}");
        return text.ToString();
    }

    public byte[] Hex(string text, string what)
    {
        if (text.Length % 2 != 0)
            throw Error($"bad {what}: odd number of hex digits");
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw Error($"bad {what}: not hexadecimal");
        }
    }

    public byte[] Base64(string text, string what)
    {
        byte[] buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
            throw Error($"bad {what}: not base64");
        return buffer[..written];
    }

    /// <summary>Decodes one character-string (RFC 1035 §5.1): <c>\X</c> and <c>\DDD</c> escapes, at most 255 bytes.</summary>
    public byte[] CharacterString(ZoneToken token)
    {
        string s = token.Text;
        var bytes = new List<byte>(s.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\\')
            {
                if (i + 1 >= s.Length)
                    throw Error($"character-string '{s}' ends in a lone backslash");
                if (char.IsAsciiDigit(s[i + 1]))
                {
                    if (i + 3 >= s.Length || !char.IsAsciiDigit(s[i + 2]) || !char.IsAsciiDigit(s[i + 3]))
                        throw Error($"character-string '{s}' has a \\DDD escape without three digits");
                    int value = (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
                    if (value > 255)
                        throw Error($"character-string '{s}' has a \\DDD escape above 255");
                    bytes.Add((byte)value);
                    i += 3;
                    continue;
                }
                c = s[++i];
            }
            if (c < 0x80)
            {
                bytes.Add((byte)c);
                continue;
            }
            int length;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                length = Encoding.UTF8.GetBytes(s.AsSpan(i, 2), utf8);
                i++;
            }
            else
            {
                length = Encoding.UTF8.GetBytes(s.AsSpan(i, 1), utf8);
            }
            for (int k = 0; k < length; k++)
                bytes.Add(utf8[k]);
        }
        if (bytes.Count > 255)
            throw Error($"character-string of {bytes.Count} bytes is longer than 255");
        return [.. bytes];
    }
}
