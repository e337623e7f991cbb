namespace Islet.Net.Udp;

/// <summary>What the UDP layer has received, sent and dropped.</summary>
public sealed class UdpCounters
{
    /// <summary>Datagrams queued to a socket.</summary>
    public long Received { get; internal set; }
    /// <summary>Datagrams sent.</summary>
    public long Sent { get; internal set; }
    /// <summary>Dropped: truncated or bad checksum.</summary>
    public long Malformed { get; internal set; }
    /// <summary>No socket on the destination port (answered with port unreachable by ICMP).</summary>
    public long NoSocket { get; internal set; }
    /// <summary>Dropped: the socket's receive queue was full.</summary>
    public long ReceiveQueueFull { get; internal set; }
    /// <summary>Dropped: longer than the socket's slots, or than one unfragmented datagram.</summary>
    public long TooLong { get; internal set; }
}
