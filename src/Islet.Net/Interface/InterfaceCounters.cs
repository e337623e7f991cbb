using Islet.Net.Arp;
using Islet.Net.Icmp;
using Islet.Net.Ipv4;

namespace Islet.Net.Interface;

/// <summary>Counters of one interface, per layer. Transports (UDP, TCP) keep their own.</summary>
public sealed class InterfaceCounters
{
    /// <summary>Frames taken from the device.</summary>
    public long FramesIn { get; internal set; }
    /// <summary>Frames the device accepted.</summary>
    public long FramesOut { get; internal set; }
    /// <summary>Frames the device refused (transmit queue full); they are lost.</summary>
    public long TransmitDropped { get; internal set; }
    /// <summary>Frames shorter than an Ethernet header.</summary>
    public long Malformed { get; internal set; }
    /// <summary>Frames for another MAC address or a multicast group.</summary>
    public long NotForUs { get; internal set; }
    /// <summary>Frames of an EtherType other than ARP and IPv4.</summary>
    public long UnknownEtherType { get; internal set; }
    /// <summary>ARP counters.</summary>
    public ArpCounters Arp { get; } = new();
    /// <summary>IPv4 counters (including reassembly).</summary>
    public Ipv4Counters Ipv4 { get; } = new();
    /// <summary>ICMP counters (including rate limiting).</summary>
    public IcmpCounters Icmp { get; } = new();
}
