namespace Islet.Net.Wire;

/// <summary>The Ethernet II type field values this stack understands.</summary>
public enum EtherType : ushort
{
    /// <summary>IPv4 (RFC 894).</summary>
    Ipv4 = 0x0800,
    /// <summary>ARP (RFC 826).</summary>
    Arp = 0x0806,
    /// <summary>IPv6 (RFC 2464).</summary>
    Ipv6 = 0x86DD,
}
