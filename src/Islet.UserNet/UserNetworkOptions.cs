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

    /// <summary>
    /// Host ports forwarded into the guest: a TCP mapping accepts connections and splices each
    /// to the guest's port; a UDP mapping (<c>/udp</c>) relays datagrams through one flow per
    /// host client (see <see cref="UdpFlowIdleTimeout"/> and <see cref="UdpFlowLimit"/>).
    /// </summary>
    public IReadOnlyList<PortMapping> Forwards { get; init; } = [];

    /// <summary>
    /// How long a UDP flow (one host client of a <c>/udp</c> forward) lives without a datagram
    /// either way before it is closed; the client's next datagram opens a new one, from a new
    /// router port. 60 seconds by default, as conntrack's unreplied UDP timeout.
    /// </summary>
    public TimeSpan UdpFlowIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The most UDP flows open at once, over all <c>/udp</c> forwards; a new client beyond it
    /// evicts the flow idle longest. Each flow holds one router UDP socket and its queues.
    /// </summary>
    public int UdpFlowLimit { get; init; } = 64;

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
        if (UdpFlowIdleTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(UdpFlowIdleTimeout), "The UDP flow idle timeout must be positive.");
        if (UdpFlowLimit is < 1 or > 16384) throw new ArgumentOutOfRangeException(nameof(UdpFlowLimit), "The UDP flow limit must be 1-16384.");
        foreach (var forward in Forwards)
            if (forward.GuestPort is < 1 or > 65535 || forward.HostEndPoint is null)
                throw new ArgumentException($"Forward {forward} needs a host endpoint and a guest port 1-65535.", nameof(Forwards));
    }
}
