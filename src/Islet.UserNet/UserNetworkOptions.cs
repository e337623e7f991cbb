using Islet.Net.Wire;

namespace Islet.UserNet;

/// <summary>How a <see cref="UserNetwork{TDevice}"/> is set up. The defaults are slirp's: router 10.0.2.2/24, guest 10.0.2.15.</summary>
public sealed record UserNetworkOptions
{
    /// <summary>The router's address on the guest link (the guest's gateway and DHCP server).</summary>
    public Ipv4Address RouterAddress { get; init; } = new(10, 0, 2, 2);

    /// <summary>The prefix length of the guest link's subnet.</summary>
    public int PrefixLength { get; init; } = 24;

    /// <summary>The one address leased to the guest.</summary>
    public Ipv4Address GuestAddress { get; init; } = new(10, 0, 2, 15);

    /// <summary>DNS server offered to the guest; unspecified (the default) offers none.</summary>
    public Ipv4Address Dns { get; init; }

    /// <summary>DHCP lease time.</summary>
    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Host ports forwarded into the guest.</summary>
    public IReadOnlyList<PortForward> Forwards { get; init; } = [];

    /// <summary>
    /// Lets the guest open TCP connections out: to <see cref="RouterAddress"/>:PORT, spliced to
    /// the host's 127.0.0.1:PORT (slirp's host alias); to any other address, to that address
    /// through the host's stack. False (the default): every guest connection is reset.
    /// </summary>
    public bool AllowOutbound { get; init; }

    /// <summary>
    /// How long a forwarded connection waits for the guest (no lease yet, ARP unanswered, port
    /// refused), retrying with a short backoff, before the host connection is reset.
    /// </summary>
    public TimeSpan GuestConnectWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one connection attempt (to the guest, or out through the host) may take.</summary>
    public TimeSpan ConnectAttemptTimeout { get; init; } = TimeSpan.FromSeconds(3);

    internal void Validate()
    {
        if (PrefixLength is < 1 or > 30) throw new ArgumentOutOfRangeException(nameof(PrefixLength), "The guest link's prefix must be 1-30 bits.");
        uint mask = uint.MaxValue << (32 - PrefixLength);
        if (RouterAddress.IsUnspecified || GuestAddress.IsUnspecified || RouterAddress == GuestAddress
            || (RouterAddress.Value & mask) != (GuestAddress.Value & mask))
            throw new ArgumentException("The router and guest addresses must be distinct addresses of one subnet.");
        foreach (uint host in (ReadOnlySpan<uint>)[RouterAddress.Value & ~mask, GuestAddress.Value & ~mask])
            if (host == 0 || host == ~mask) throw new ArgumentException("The router and guest addresses must not be the subnet's network or broadcast address.");
        if (GuestConnectWindow < TimeSpan.Zero || ConnectAttemptTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ConnectAttemptTimeout), "Connect timeouts must be positive.");
    }
}
