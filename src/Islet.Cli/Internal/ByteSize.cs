using System.Globalization;

namespace Islet.Cli.Internal;

/// <summary>Formats byte counts for people: "2.2 MiB".</summary>
internal static class ByteSize
{
    public static string Format(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
