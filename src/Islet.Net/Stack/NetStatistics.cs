using System.Text;
using Islet.Devices;
using Islet.Net.Tcp;

namespace Islet.Net.Stack;

/// <summary>
/// A plain-text report of a <see cref="DirectStack{TDevice}"/>'s counters, one
/// <c>layer.counter value</c> per line (drops by reason, ARP, IPv4 reassembly, ICMP rate
/// limiting, UDP, TCP), as <c>islet run --stats</c> prints it. No reflection: AOT-safe.
/// </summary>
public static class NetStatistics
{
    /// <summary>Formats every counter of <paramref name="stack"/>.</summary>
    public static string Format<TDevice>(DirectStack<TDevice> stack) where TDevice : INetDevice
    {
        var text = new StringBuilder();
        void Line(string name, long value) => text.Append(name).Append(' ').Append(value).Append('\n');

        var device = stack.Interface.Device.Counters;
        Line("device.rx_frames", device.RxFrames);
        Line("device.rx_bytes", device.RxBytes);
        Line("device.rx_dropped", device.RxDropped);
        Line("device.tx_frames", device.TxFrames);
        Line("device.tx_bytes", device.TxBytes);
        Line("device.tx_dropped", device.TxDropped);

        var eth = stack.Interface.Counters;
        Line("ethernet.frames_in", eth.FramesIn);
        Line("ethernet.frames_out", eth.FramesOut);
        Line("ethernet.transmit_dropped", eth.TransmitDropped);
        Line("ethernet.malformed", eth.Malformed);
        Line("ethernet.not_for_us", eth.NotForUs);
        Line("ethernet.unknown_ethertype", eth.UnknownEtherType);

        var arp = eth.Arp;
        Line("arp.requests_sent", arp.RequestsSent);
        Line("arp.replies_sent", arp.RepliesSent);
        Line("arp.received", arp.Received);
        Line("arp.malformed", arp.Malformed);
        Line("arp.conflicts", arp.Conflicts);
        Line("arp.resolution_failures", arp.ResolutionFailures);
        Line("arp.queue_dropped_unresolved", arp.QueueDroppedUnresolved);
        Line("arp.queue_overflow", arp.QueueOverflow);

        var ip = eth.Ipv4;
        Line("ipv4.delivered", ip.Delivered);
        Line("ipv4.sent", ip.Sent);
        Line("ipv4.malformed", ip.Malformed);
        Line("ipv4.bad_checksum", ip.BadChecksum);
        Line("ipv4.not_for_us", ip.NotForUs);
        Line("ipv4.ttl_expired", ip.TtlExpired);
        Line("ipv4.unknown_protocol", ip.UnknownProtocol);
        Line("ipv4.no_route", ip.NoRoute);
        Line("ipv4.fragments_received", ip.FragmentsReceived);
        Line("ipv4.reassembled", ip.Reassembled);
        Line("ipv4.reassembly_timeouts", ip.ReassemblyTimeouts);
        Line("ipv4.reassembly_overflow", ip.ReassemblyOverflow);
        Line("ipv4.reassembly_conflicts", ip.ReassemblyConflicts);

        var icmp = eth.Icmp;
        Line("icmp.echo_replies_sent", icmp.EchoRepliesSent);
        Line("icmp.unreachable_sent", icmp.UnreachableSent);
        Line("icmp.unreachable_received", icmp.UnreachableReceived);
        Line("icmp.malformed", icmp.Malformed);
        Line("icmp.rate_limited", icmp.RateLimited);

        var udp = stack.UdpLayer.Counters;
        Line("udp.received", udp.Received);
        Line("udp.sent", udp.Sent);
        Line("udp.malformed", udp.Malformed);
        Line("udp.no_socket", udp.NoSocket);
        Line("udp.receive_queue_full", udp.ReceiveQueueFull);

        var tcp = stack.TcpLayer.Counters;
        Line("tcp.connections", stack.TcpLayer.ConnectionCount);
        Line("tcp.segments_sent", tcp.SegmentsSent);
        Line("tcp.segments_received", tcp.SegmentsReceived);
        Line("tcp.retransmissions", tcp.Retransmissions);
        Line("tcp.fast_retransmits", tcp.FastRetransmits);
        Line("tcp.timeouts", tcp.Timeouts);
        Line("tcp.challenge_acks", tcp.ChallengeAcks);
        Line("tcp.window_probes", tcp.WindowProbes);
        foreach (var reason in Enum.GetValues<TcpDropReason>())
        {
            Line("tcp.dropped." + ToSnakeCase(reason.ToString()), tcp.Dropped(reason));
        }
        return text.ToString();
    }

    private static string ToSnakeCase(string name)
    {
        var s = new StringBuilder();
        foreach (char c in name)
        {
            if (char.IsUpper(c) && s.Length > 0) s.Append('_');
            s.Append(char.ToLowerInvariant(c));
        }
        return s.ToString();
    }
}
