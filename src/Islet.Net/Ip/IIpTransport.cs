using Islet.Net.Wire;

namespace Islet.Net.Ip;

/// <summary>
/// A transport protocol's sans-IO core (UDP, TCP, ICMP) as the IPv4 layer drives it. Nothing
/// here reads a clock, blocks or allocates per packet: time comes in as <c>now</c>
/// (monotonic nanoseconds), output goes out through <see cref="IIpOutput"/>.
/// </summary>
public interface IIpTransport
{
    /// <summary>The IP protocol number this transport handles.</summary>
    IpProtocol Protocol { get; }

    /// <summary>
    /// Handles one datagram addressed to this host, already validated and reassembled by the
    /// IPv4 layer. <paramref name="payload"/> is only valid during the call.
    /// </summary>
    /// <returns>
    /// False when no endpoint exists for it, so the IPv4 layer answers with ICMP port
    /// unreachable (UDP). Transports that answer on their own (TCP with RST) return true.
    /// </returns>
    bool Receive(in Ipv4Repr ip, ReadOnlySpan<byte> payload, long now);

    /// <summary>
    /// Sends whatever is due (data, ACKs, retransmissions, probes) through
    /// <paramref name="output"/> and returns the monotonic time at which it next needs a poll,
    /// or <see cref="long.MaxValue"/> when only new input or application activity can give it work.
    /// When <paramref name="output"/> refuses a datagram the transport keeps its state and
    /// tries again at the next poll.
    /// </summary>
    long Poll(long now, IIpOutput output);
}
