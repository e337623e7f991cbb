namespace Islet.Dns.Transfer.Internal;

/// <summary>RFC 1982 serial number arithmetic for 32-bit SOA serials: s1 is greater than s2 when it
/// lies less than 2^31 ahead of it modulo 2^32. Serials exactly 2^31 apart are incomparable: neither
/// is greater.</summary>
internal static class SerialNumber
{
    private const uint Half = 1u << 31;

    /// <summary>Whether <paramref name="a"/> is greater than <paramref name="b"/> (RFC 1982 §3.2).</summary>
    internal static bool IsGreater(uint a, uint b) =>
        (a < b && b - a > Half) || (a > b && a - b < Half);

    /// <summary>Whether <paramref name="a"/> equals or is greater than <paramref name="b"/>.</summary>
    internal static bool IsAtLeast(uint a, uint b) => a == b || IsGreater(a, b);
}
