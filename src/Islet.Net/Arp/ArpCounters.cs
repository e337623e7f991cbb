namespace Islet.Net.Arp;

/// <summary>What the ARP layer has seen and dropped.</summary>
public sealed class ArpCounters
{
    /// <summary>Requests sent (including retries and the gratuitous announcement).</summary>
    public long RequestsSent { get; internal set; }
    /// <summary>Replies sent to requests for our address.</summary>
    public long RepliesSent { get; internal set; }
    /// <summary>Valid ARP packets received.</summary>
    public long Received { get; internal set; }
    /// <summary>Malformed or unsupported ARP packets dropped.</summary>
    public long Malformed { get; internal set; }
    /// <summary>Packets whose sender claimed our own address (an address conflict).</summary>
    public long Conflicts { get; internal set; }
    /// <summary>Resolutions abandoned after the last retry.</summary>
    public long ResolutionFailures { get; internal set; }
    /// <summary>Queued frames dropped because resolution failed.</summary>
    public long QueueDroppedUnresolved { get; internal set; }
    /// <summary>Queued frames dropped to make room (oldest first).</summary>
    public long QueueOverflow { get; internal set; }
    /// <summary>Frames that could not even be queued (no entry free, or too long).</summary>
    public long QueueRejected { get; internal set; }
}
