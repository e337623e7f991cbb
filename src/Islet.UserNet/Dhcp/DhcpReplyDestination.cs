using Islet.Devices;
using Islet.Net.Wire;

namespace Islet.UserNet.Dhcp;

/// <summary>
/// Where a DHCP server's reply goes (RFC 2131 §4.1, no relay agent): UDP port 68 at
/// <see cref="Address"/>. When <see cref="HardwareAddress"/> is set the client has no address
/// yet and cannot answer ARP, so the sender must deliver the frame to that MAC directly.
/// </summary>
/// <param name="Address">255.255.255.255, the client's current address (ciaddr), or the address being offered (yiaddr).</param>
/// <param name="HardwareAddress">The client's MAC for a unicast to yiaddr, otherwise the default (all zero).</param>
public readonly record struct DhcpReplyDestination(Ipv4Address Address, MacAddress HardwareAddress)
{
    /// <summary>True when the reply is broadcast.</summary>
    public bool IsBroadcast => Address.IsBroadcast;

    /// <summary>True when the reply must go to <see cref="HardwareAddress"/> without ARP.</summary>
    public bool BypassesArp => HardwareAddress != default;
}
