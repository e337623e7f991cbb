using Islet.Net.Arp;
using Islet.Net.Ipv4;

namespace Islet.Net.Interface;

/// <summary>Bounds on the storage and work of a <see cref="NetInterface{TDevice}"/>.</summary>
public sealed record InterfaceLimits
{
    /// <summary>Frames received per <c>Poll</c> before transports get their turn.</summary>
    public int ReceiveBatch { get; init; } = 32;

    /// <summary>ARP cache and queue limits (its frame size is set from the device MTU).</summary>
    public ArpCacheOptions Arp { get; init; } = new();

    /// <summary>Fragment reassembly limits.</summary>
    public ReassemblyOptions Reassembly { get; init; } = new();

    /// <summary>ICMP errors per second (token bucket rate).</summary>
    public int IcmpErrorsPerSecond { get; init; } = 10;

    /// <summary>ICMP errors sent at once (token bucket size).</summary>
    public int IcmpErrorBurst { get; init; } = 10;
}
