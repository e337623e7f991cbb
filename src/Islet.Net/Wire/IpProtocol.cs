namespace Islet.Net.Wire;

/// <summary>IANA assigned Internet protocol numbers (the IPv4 Protocol field).</summary>
public enum IpProtocol : byte
{
    /// <summary>ICMP (RFC 792).</summary>
    Icmp = 1,
    /// <summary>TCP (RFC 793).</summary>
    Tcp = 6,
    /// <summary>UDP (RFC 768).</summary>
    Udp = 17,
}
