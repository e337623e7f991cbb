using Islet.Net.Ip;
using Islet.Net.Wire;

namespace Islet.Net.Icmp;

/// <summary>
/// ICMPv4 for a host (RFC 792, RFC 1122 §3.2.2), sans-IO: answers echo requests, reports
/// echo replies to an observer, and sends destination unreachable errors under the rules
/// below. Output goes through the <see cref="IIpOutput"/> passed to each call.
/// </summary>
public sealed class IcmpLayer
{
    /// <summary>Destination unreachable code 2 (RFC 792).</summary>
    public const byte ProtocolUnreachable = 2;
    /// <summary>Destination unreachable code 3 (RFC 792).</summary>
    public const byte PortUnreachable = 3;

    private readonly TokenBucket _errorLimit;

    /// <summary>Creates the layer; errors are limited to <paramref name="errorsPerSecond"/> with bursts of <paramref name="errorBurst"/>.</summary>
    public IcmpLayer(IcmpCounters? counters = null, int errorsPerSecond = 10, int errorBurst = 10)
    {
        Counters = counters ?? new IcmpCounters();
        _errorLimit = new TokenBucket(errorsPerSecond, errorBurst);
    }

    /// <summary>The counters this layer updates.</summary>
    public IcmpCounters Counters { get; }

    /// <summary>Told about echo replies, if set.</summary>
    public IIcmpEchoObserver? EchoObserver { get; set; }

    /// <summary>
    /// Handles one ICMP message addressed to this host. Echo requests sent to a broadcast
    /// address are not answered (RFC 1122 §3.2.2.6 allows silence; it avoids smurf amplification).
    /// </summary>
    public void Receive(in Ipv4Repr ip, ReadOnlySpan<byte> payload, bool toBroadcast, long now, IIpOutput output)
    {
        if (!IcmpV4Packet.TryCreate(payload, out var packet) || !IcmpV4Repr.TryParse(packet, out var repr))
        {
            Counters.Malformed++;
            return;
        }
        switch (repr.Message)
        {
            case IcmpV4Message.EchoRequest when !toBroadcast:
                var reply = repr with { Message = IcmpV4Message.EchoReply };
                if (output.TryBegin(ip.Source, IpProtocol.Icmp, reply.BufferLength, out var span)
                    && reply.TryWrite(span, packet.Data, out _))
                {
                    output.Commit();
                    Counters.EchoRepliesSent++;
                }
                else Counters.SendFailed++;
                break;
            case IcmpV4Message.EchoReply:
                Counters.EchoRepliesReceived++;
                EchoObserver?.OnEchoReply(ip.Source, repr.Identifier, repr.SequenceNumber, packet.Data, now);
                break;
            case IcmpV4Message.DestinationUnreachable:
                Counters.UnreachableReceived++;
                break;
        }
    }

    /// <summary>Sends an echo request; false if the output refused it.</summary>
    public bool TrySendEchoRequest(Ipv4Address destination, ushort identifier, ushort sequence, ReadOnlySpan<byte> data, IIpOutput output)
    {
        var repr = new IcmpV4Repr
        {
            Message = IcmpV4Message.EchoRequest, Identifier = identifier, SequenceNumber = sequence, DataLength = data.Length,
        };
        if (!output.TryBegin(destination, IpProtocol.Icmp, repr.BufferLength, out var span) || !repr.TryWrite(span, data, out _))
            return false;
        output.Commit();
        return true;
    }

    /// <summary>
    /// Sends destination unreachable with <paramref name="code"/> about <paramref name="original"/>
    /// (the whole received IPv4 packet, header included), quoting its header and first 8 payload
    /// bytes (RFC 792). Per RFC 1122 §3.2.2 nothing is sent about an ICMP error, a fragment, a
    /// datagram sent to a broadcast or multicast address, or one from a source that does not
    /// name a single host; and at most the token bucket's rate is sent.
    /// </summary>
    /// <returns>True if the error was sent.</returns>
    public bool TrySendUnreachable(byte code, in Ipv4Repr ip, ReadOnlySpan<byte> original, bool toBroadcast, long now, IIpOutput output)
    {
        if (original.Length < Ipv4Packet.MinHeaderLength || toBroadcast || ip.Destination.IsBroadcast || ip.Destination.IsMulticast || ip.MoreFragments || ip.FragmentOffset != 0
            || ip.Source.IsUnspecified || ip.Source.IsBroadcast || ip.Source.IsMulticast || IsIcmpError(ip, original))
            return false;
        if (!_errorLimit.TryTake(now))
        {
            Counters.RateLimited++;
            return false;
        }
        int headerLength = (original[0] & 0x0F) * 4;
        var quoted = original[..Math.Min(original.Length, headerLength + 8)];
        var repr = new IcmpV4Repr { Message = IcmpV4Message.DestinationUnreachable, Code = code, DataLength = quoted.Length };
        if (!output.TryBegin(ip.Source, IpProtocol.Icmp, repr.BufferLength, out var span) || !repr.TryWrite(span, quoted, out _))
        {
            Counters.SendFailed++;
            return false;
        }
        output.Commit();
        Counters.UnreachableSent++;
        return true;
    }

    private static bool IsIcmpError(in Ipv4Repr ip, ReadOnlySpan<byte> original)
    {
        if (ip.Protocol != IpProtocol.Icmp) return false;
        int headerLength = (original[0] & 0x0F) * 4;
        if (original.Length <= headerLength) return true;
        var type = (IcmpV4Message)original[headerLength];
        return type is not (IcmpV4Message.EchoRequest or IcmpV4Message.EchoReply) && original[headerLength] is not (13 or 14 or 15 or 16);
    }
}
