using Islet.Http.Internal;
using Islet.Http.Parsing;

namespace Islet.Http;

/// <summary>IMF-fixdate (RFC 9110 5.6.7), e.g. <c>Sun, 06 Nov 1994 08:49:37 GMT</c>, as UTF-8 without allocation.</summary>
public static class HttpDate
{
    /// <summary>Length of an IMF-fixdate in bytes.</summary>
    public const int Length = 29;

    private static ReadOnlySpan<byte> DayNames => "SunMonTueWedThuFriSat"u8;
    private static ReadOnlySpan<byte> MonthNames => "JanFebMarAprMayJunJulAugSepOctNovDec"u8;

    /// <summary>Writes <paramref name="value"/> (converted to UTC) into the first 29 bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Length"/>.</exception>
    public static void Format(DateTimeOffset value, Span<byte> destination)
    {
        if (destination.Length < Length) ThrowHelper.ThrowArgument("An HTTP date needs 29 bytes.", nameof(destination));
        var utc = value.UtcDateTime;
        DayNames.Slice((int)utc.DayOfWeek * 3, 3).CopyTo(destination);
        destination[3] = (byte)',';
        destination[4] = (byte)' ';
        WriteTwoDigits(destination[5..], utc.Day);
        destination[7] = (byte)' ';
        MonthNames.Slice((utc.Month - 1) * 3, 3).CopyTo(destination[8..]);
        destination[11] = (byte)' ';
        WriteTwoDigits(destination[12..], utc.Year / 100);
        WriteTwoDigits(destination[14..], utc.Year % 100);
        destination[16] = (byte)' ';
        WriteTwoDigits(destination[17..], utc.Hour);
        destination[19] = (byte)':';
        WriteTwoDigits(destination[20..], utc.Minute);
        destination[22] = (byte)':';
        WriteTwoDigits(destination[23..], utc.Second);
        " GMT"u8.CopyTo(destination[25..]);
    }

    /// <summary>
    /// Parses an IMF-fixdate. The obsolete RFC 850 and asctime forms are not accepted: a
    /// recipient then ignores the conditional header, which RFC 9110 13.1.3 allows.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != Length || text[3] != (byte)',' || text[4] != (byte)' ' || text[7] != (byte)' ' ||
            text[11] != (byte)' ' || text[16] != (byte)' ' || text[19] != (byte)':' || text[22] != (byte)':' ||
            !text[25..].SequenceEqual(" GMT"u8))
        {
            return false;
        }
        if (!IsName(DayNames, text[..3], out _) || !IsName(MonthNames, text.Slice(8, 3), out int month)) return false;
        if (!TryDigits(text.Slice(5, 2), out int day) || !TryDigits(text.Slice(12, 4), out int year) ||
            !TryDigits(text.Slice(17, 2), out int hour) || !TryDigits(text.Slice(20, 2), out int minute) ||
            !TryDigits(text.Slice(23, 2), out int second))
        {
            return false;
        }
        month++;
        if (year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) return false;
        value = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), TimeSpan.Zero);
        return true;
    }

    private static bool IsName(ReadOnlySpan<byte> names, ReadOnlySpan<byte> candidate, out int index)
    {
        for (index = 0; index * 3 < names.Length; index++)
        {
            if (names.Slice(index * 3, 3).SequenceEqual(candidate)) return true;
        }
        return false;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte b in text)
        {
            if (!HttpCharacters.IsDigit(b)) return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }

    private static void WriteTwoDigits(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + value / 10);
        destination[1] = (byte)('0' + value % 10);
    }
}
