using System.Globalization;
using System.Text;

namespace Islet.Dns.Wire.Internal;

/// <summary>Presentation-format helpers shared by the record data types.</summary>
internal static class Presentation
{
    public static string TypeName(DnsType type) =>
        Enum.IsDefined(type) ? type.ToString() : "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);

    public static string ClassName(DnsClass @class) => @class switch
    {
        DnsClass.Internet => "IN",
        DnsClass.Chaos => "CH",
        DnsClass.Hesiod => "HS",
        DnsClass.None => "NONE",
        DnsClass.Any => "ANY",
        _ => "CLASS" + ((ushort)@class).ToString(CultureInfo.InvariantCulture),
    };

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static string Base64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);

    public static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 4034 §3.2 time: YYYYMMDDHHmmSS in UTC.</summary>
    public static string Time(uint seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>RFC 3597 §5 generic rdata: <c>\# length hex</c>.</summary>
    public static string Generic(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? "\\# 0" : $"\\# {bytes.Length} {Hex(bytes)}";

    /// <summary>A quoted character-string with <c>\"</c>, <c>\\</c> and <c>\DDD</c> escapes.</summary>
    public static void AppendQuoted(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        text.Append('"');
        foreach (byte b in bytes)
        {
            if (b is (byte)'"' or (byte)'\\')
                text.Append('\\').Append((char)b);
            else if (b is >= 0x20 and < 0x7F)
                text.Append((char)b);
            else
                text.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
        }
        text.Append('"');
    }

    public static string Quoted(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length + 2);
        AppendQuoted(text, bytes);
        return text.ToString();
    }
}
