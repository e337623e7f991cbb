using Islet.Net.Wire;

namespace Islet.UserNet.Dhcp;

/// <summary>What a <see cref="DhcpServer"/> leases: one address on a point-to-point link.</summary>
public sealed record DhcpServerOptions
{
    /// <summary>The server identifier (option 54): the router's own address.</summary>
    public required Ipv4Address ServerAddress { get; init; }

    /// <summary>The one address leased (yiaddr).</summary>
    public required Ipv4Address ClientAddress { get; init; }

    /// <summary>Subnet prefix length, sent as the subnet mask (option 1).</summary>
    public int PrefixLength { get; init; } = 24;

    /// <summary>The default gateway (option 3), or unspecified to send none.</summary>
    public Ipv4Address Router { get; init; }

    /// <summary>The DNS server (option 6), or unspecified (the default) to send none.</summary>
    public Ipv4Address Dns { get; init; }

    /// <summary>Lease time (option 51); T1 and T2 are left to the client's defaults (RFC 2131 §4.4.5).</summary>
    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromHours(24);

    internal uint LeaseSeconds => (uint)Math.Clamp(LeaseTime.TotalSeconds, 1, uint.MaxValue - 1);

    internal Ipv4Address SubnetMask => new(PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength));
}
