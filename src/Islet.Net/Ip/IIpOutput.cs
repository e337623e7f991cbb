using Islet.Net.Wire;

namespace Islet.Net.Ip;

/// <summary>
/// How a transport sends IPv4 datagrams: reserve space, write the transport header and
/// payload in place, commit. The interface adds the IPv4 and Ethernet headers, resolves the
/// next hop with ARP (queueing a bounded number of datagrams while it waits) and hands the
/// frame to the device.
/// </summary>
public interface IIpOutput
{
    /// <summary>This host's address (for pseudo-header checksums), or unspecified before DHCP completes.</summary>
    Ipv4Address LocalAddress { get; }

    /// <summary>The largest payload one unfragmented datagram carries (MTU minus the IPv4 header).</summary>
    int MaxPayload { get; }

    /// <summary>
    /// Reserves room for a datagram of <paramref name="payloadLength"/> bytes to
    /// <paramref name="destination"/>. On success <paramref name="payload"/> is exactly that long
    /// and stays valid until <see cref="Commit"/>; nothing else may be begun in between.
    /// </summary>
    /// <returns>False when the device cannot take a frame now (try at the next poll) or there is no route.</returns>
    bool TryBegin(Ipv4Address destination, IpProtocol protocol, int payloadLength, out Span<byte> payload);

    /// <summary>
    /// As <see cref="TryBegin(Ipv4Address, IpProtocol, int, out Span{byte})"/>, from
    /// <paramref name="source"/>: the address the transport answers for (a TCP connection's
    /// local address). A host always sends from <see cref="LocalAddress"/> and ignores it; an
    /// interface configured as its link's router (<c>InterfaceConfig.Router</c>) answers for
    /// other addresses too and sends from <paramref name="source"/> when it is specified.
    /// </summary>
    bool TryBegin(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int payloadLength, out Span<byte> payload) =>
        TryBegin(destination, protocol, payloadLength, out payload);

    /// <summary>Sends the datagram begun by <c>TryBegin</c> (DF set, TTL 64).</summary>
    void Commit();
}
