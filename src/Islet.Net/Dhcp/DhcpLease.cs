using Islet.Net.Wire;

namespace Islet.Net.Dhcp;

/// <summary>An address leased by a DHCP server, with what came with it.</summary>
/// <param name="Address">The leased address.</param>
/// <param name="PrefixLength">From the subnet mask option (24 when the server sent none or a non-contiguous one).</param>
/// <param name="Router">The default gateway, or unspecified.</param>
/// <param name="Dns">The first DNS server, or unspecified.</param>
/// <param name="Server">The server identifier (where renewals go).</param>
/// <param name="Duration">The lease time.</param>
public sealed record DhcpLease(Ipv4Address Address, int PrefixLength, Ipv4Address Router, Ipv4Address Dns, Ipv4Address Server, TimeSpan Duration);
