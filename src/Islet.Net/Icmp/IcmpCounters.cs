namespace Islet.Net.Icmp;

/// <summary>What the ICMP layer has received, sent and suppressed.</summary>
public sealed class IcmpCounters
{
    /// <summary>Echo requests answered.</summary>
    public long EchoRepliesSent { get; internal set; }
    /// <summary>Echo replies received (for our own pings).</summary>
    public long EchoRepliesReceived { get; internal set; }
    /// <summary>Destination unreachable messages sent.</summary>
    public long UnreachableSent { get; internal set; }
    /// <summary>Destination unreachable messages received.</summary>
    public long UnreachableReceived { get; internal set; }
    /// <summary>Messages dropped as malformed (bad checksum, unknown type).</summary>
    public long Malformed { get; internal set; }
    /// <summary>Errors or replies not sent because of the rate limit.</summary>
    public long RateLimited { get; internal set; }
    /// <summary>Replies or errors that the output refused (no route, device full).</summary>
    public long SendFailed { get; internal set; }
}
