namespace Islet.Dns.Update.Internal;

/// <summary>Serial number arithmetic on 32-bit SOA serials (RFC 1982 §3).</summary>
internal static class SerialNumber
{
    /// <summary>Whether <paramref name="candidate"/> is greater than <paramref name="current"/> in
    /// serial order; pairs exactly 2^31 apart are unordered and give false.</summary>
    public static bool IsGreater(uint candidate, uint current)
    {
        uint distance = candidate - current;
        return distance != 0 && distance < 0x8000_0000u;
    }

    /// <summary>The next serial: one more, wrapping modulo 2^32 (RFC 1982 §3.1 addition).</summary>
    public static uint Next(uint serial) => unchecked(serial + 1);
}
