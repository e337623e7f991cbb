using System.Text;
using Islet.Http.Parsing;

namespace Islet.Http.Internal;

/// <summary>What to do with a Range field (RFC 9110 14.2).</summary>
internal enum RangeOutcome : byte
{
    /// <summary>Serve the whole representation (absent, unparsable, or several ranges).</summary>
    Ignore,
    /// <summary>Serve the one range with 206.</summary>
    Satisfiable,
    /// <summary>416 with <c>Content-Range: bytes */size</c>.</summary>
    Unsatisfiable,
}

/// <summary>Parses <c>Range: bytes=</c> with one range-spec: <c>a-b</c>, <c>a-</c> or <c>-suffix</c>.</summary>
internal static class ByteRangeParser
{
    public static RangeOutcome Parse(ReadOnlySpan<byte> header, long size, out long start, out long length)
    {
        start = 0;
        length = 0;
        var value = header.Trim(HttpCharacters.Whitespace);
        if (value.Length < 6 || !Ascii.EqualsIgnoreCase(value[..6], "bytes="u8)) return RangeOutcome.Ignore;
        var spec = value[6..].Trim(HttpCharacters.Whitespace);
        // Several ranges would need multipart/byteranges; RFC 9110 14.2 lets a server ignore
        // Range, so they are answered with the whole representation (200).
        if (spec.IndexOf((byte)',') >= 0) return RangeOutcome.Ignore;
        int dash = spec.IndexOf((byte)'-');
        if (dash < 0) return RangeOutcome.Ignore;
        var first = spec[..dash];
        var last = spec[(dash + 1)..];

        if (first.IsEmpty)
        {
            if (!TryParse(last, out long suffix)) return RangeOutcome.Ignore;
            if (suffix == 0 || size == 0) return RangeOutcome.Unsatisfiable;
            start = Math.Max(0, size - suffix);
            length = size - start;
            return RangeOutcome.Satisfiable;
        }

        if (!TryParse(first, out long from)) return RangeOutcome.Ignore;
        long to = long.MaxValue;
        if (!last.IsEmpty && !TryParse(last, out to)) return RangeOutcome.Ignore;
        if (to < from) return RangeOutcome.Ignore; // invalid range-spec: the field is ignored
        if (from >= size) return RangeOutcome.Unsatisfiable;
        start = from;
        length = Math.Min(to, size - 1) - from + 1;
        return RangeOutcome.Satisfiable;
    }

    /// <summary>1*DIGIT, saturating at <see cref="long.MaxValue"/>.</summary>
    private static bool TryParse(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty) return false;
        foreach (byte b in digits)
        {
            if (!HttpCharacters.IsDigit(b)) return false;
            value = value > (long.MaxValue - 9) / 10 ? long.MaxValue : value * 10 + (b - '0');
        }
        return true;
    }
}
