using System.Text;

namespace Islet.Dns.Wire;

public sealed partial class DnsName
{
    /// <summary>Parses a name in presentation format ("www.example.com.", with <c>\.</c>, <c>\\</c> and
    /// <c>\DDD</c> escapes). A name without the final dot is relative: it is completed with
    /// <paramref name="origin"/>, or taken as fully qualified when no origin is given.</summary>
    /// <exception cref="DnsFormatException">An empty label, a label over 63 octets, a name over 255
    /// octets, a bad escape or a character outside ASCII.</exception>
    public static DnsName Parse(string text, DnsName? origin = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == ".")
            return Root;
        if (text.Length == 0)
            DnsFormatException.Throw("An empty string is not a domain name.");
        Span<byte> wire = stackalloc byte[MaxLength + 64];
        int length = 0, labelStart = 0, i = 0;
        bool absolute = false;
        wire[0] = 0;
        length = 1;
        while (i < text.Length)
        {
            char c = text[i++];
            if (c == '.')
            {
                EndLabel(wire, labelStart, length, text);
                if (i == text.Length)
                    absolute = true;
                labelStart = length;
                wire[length++] = 0;
                continue;
            }
            if (c > 127)
                DnsFormatException.Throw($"'{text}' has a character outside ASCII; write it as \\DDD.");
            int value = c;
            if (c == '\\')
            {
                if (i == text.Length)
                    DnsFormatException.Throw($"'{text}' ends in a lone backslash.");
                if (char.IsAsciiDigit(text[i]))
                {
                    if (i + 3 > text.Length || !char.IsAsciiDigit(text[i + 1]) || !char.IsAsciiDigit(text[i + 2]))
                        DnsFormatException.Throw($"'{text}' has a \\DDD escape without three digits.");
                    value = (text[i] - '0') * 100 + (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
                    if (value > 255)
                        DnsFormatException.Throw($"'{text}' has a \\DDD escape above 255.");
                    i += 3;
                }
                else
                {
                    value = text[i++];
                    if (value > 127)
                        DnsFormatException.Throw($"'{text}' escapes a character outside ASCII.");
                }
            }
            if (length - labelStart > MaxLabelLength)
                DnsFormatException.Throw($"'{text}' has a label longer than 63 octets.");
            if (length >= MaxLength)
                DnsFormatException.Throw($"'{text}' is longer than 255 octets.");
            wire[length++] = (byte)value;
        }
        if (!absolute)
            EndLabel(wire, labelStart, length, text);
        else
            length--; // the zero written after the final dot becomes the root label below
        ReadOnlySpan<byte> suffix = absolute || origin is null ? [0] : origin._wire;
        if (length + suffix.Length > MaxLength)
            DnsFormatException.Throw($"'{text}' is longer than 255 octets.");
        byte[] result = new byte[length + suffix.Length];
        wire[..length].CopyTo(result);
        suffix.CopyTo(result.AsSpan(length));
        return new DnsName(result);
    }

    private static void EndLabel(Span<byte> wire, int labelStart, int length, string text)
    {
        int labelLength = length - labelStart - 1;
        if (labelLength == 0)
            DnsFormatException.Throw($"'{text}' has an empty label.");
        if (labelLength > MaxLabelLength)
            DnsFormatException.Throw($"'{text}' has a label longer than 63 octets.");
        wire[labelStart] = (byte)labelLength;
    }

    /// <summary>The presentation format, fully qualified with the final dot; special characters are
    /// escaped with a backslash and non-printable octets as <c>\DDD</c>.</summary>
    public override string ToString()
    {
        if (IsRoot)
            return ".";
        var text = new StringBuilder(_wire.Length + 8);
        for (int i = 0; i < LabelCount; i++)
        {
            foreach (byte b in GetLabel(i))
            {
                if (b is (byte)'.' or (byte)'\\' or (byte)'"' or (byte)';' or (byte)'(' or (byte)')' or (byte)'@' or (byte)'$')
                    text.Append('\\').Append((char)b);
                else if (b is > 0x20 and < 0x7F)
                    text.Append((char)b);
                else
                    text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            }
            text.Append('.');
        }
        return text.ToString();
    }
}
