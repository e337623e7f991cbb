using Islet.Net.Wire;

namespace Islet.Net.Interface;

/// <summary>
/// How an interface is addressed: a static address with its prefix length and an optional
/// default gateway. An unspecified address means "unconfigured": the interface then accepts
/// datagrams for any destination (as a DHCP client must, RFC 2131 §4.1) and sends from 0.0.0.0.
/// </summary>
public sealed record InterfaceConfig
{
    /// <summary>This host's address, or <see cref="Ipv4Address.Any"/> while unconfigured.</summary>
    public Ipv4Address Address { get; init; }

    /// <summary>Length of the subnet prefix (0..32).</summary>
    public int PrefixLength { get; init; }

    /// <summary>The default gateway, or unspecified for none (only on-link destinations are reachable).</summary>
    public Ipv4Address Gateway { get; init; }

    /// <summary>A static configuration.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="prefixLength"/> is not 0..32.</exception>
    public static InterfaceConfig Static(Ipv4Address address, int prefixLength, Ipv4Address gateway = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)prefixLength, 32u, nameof(prefixLength));
        return new InterfaceConfig { Address = address, PrefixLength = prefixLength, Gateway = gateway };
    }

    /// <summary>No address yet and no DHCP: only broadcasts can be sent.</summary>
    public static InterfaceConfig Unconfigured { get; } = new();

    /// <summary>
    /// True when this interface is the router of a point-to-point link (user-mode networking):
    /// it takes unicast datagrams for every destination, not only its own address. TCP answers
    /// for the destination (a reset from that address, or a catch-all listener's connection);
    /// UDP and other protocols get ICMP destination unreachable from this interface's address;
    /// ICMP to other addresses is dropped. It also answers ARP for every other on-link address
    /// (proxy ARP, RFC 1027) so that the peer reaches the router for them too. False for a host.
    /// </summary>
    public bool Router { get; init; }

    /// <summary>True when a DHCP client obtains and maintains the address.</summary>
    public bool UseDhcp { get; init; }

    /// <summary>Seed of the DHCP transaction ids; it should be random so that clients differ (RFC 2131 §4.4.1).</summary>
    public uint DhcpTransactionSeed { get; init; }

    /// <summary>Addressing by DHCP; the interface stays unconfigured until a lease is bound.</summary>
    public static InterfaceConfig Dhcp(uint transactionSeed) => new() { UseDhcp = true, DhcpTransactionSeed = transactionSeed };

    internal uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    /// <summary>True when <paramref name="destination"/> is in this interface's subnet.</summary>
    public bool IsOnLink(Ipv4Address destination) =>
        !Address.IsUnspecified && (destination.Value & Mask) == (Address.Value & Mask);

    /// <summary>The directed broadcast address of the subnet (none for /31 and /32, RFC 3021).</summary>
    public bool IsSubnetBroadcast(Ipv4Address destination) =>
        !Address.IsUnspecified && PrefixLength < 31 && destination.Value == (Address.Value | ~Mask);

    /// <summary>
    /// Reads the command-line spelling of a configuration: <paramref name="address"/> is
    /// <c>dhcp</c> or <c>ADDRESS/PREFIX</c>, <paramref name="gateway"/> an optional IPv4
    /// address. False with a one-line <paramref name="error"/> naming the option when malformed.
    /// </summary>
    public static bool TryParse(string address, string? gateway, uint dhcpTransactionSeed, out InterfaceConfig config, out string error)
    {
        config = Unconfigured;
        error = "";
        if (address == "dhcp")
        {
            config = Dhcp(dhcpTransactionSeed);
            return true;
        }
        int slash = address.IndexOf('/');
        if (slash < 0 || !Ipv4Address.TryParse(address.AsSpan(0, slash), out var ip)
            || !int.TryParse(address.AsSpan(slash + 1), out int prefix) || prefix is < 1 or > 32)
        {
            error = $"--islet-ip needs ADDRESS/PREFIX or dhcp, for example 10.0.0.2/24 (got '{address}')";
            return false;
        }
        var router = default(Ipv4Address);
        if (gateway is not null && !Ipv4Address.TryParse(gateway, out router))
        {
            error = $"--islet-gateway needs an IPv4 address (got '{gateway}')";
            return false;
        }
        config = Static(ip, prefix, router);
        return true;
    }
}
