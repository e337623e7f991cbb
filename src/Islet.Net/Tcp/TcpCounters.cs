namespace Islet.Net.Tcp;

/// <summary>Event counters of one connection or of a whole <see cref="TcpLayer"/>.</summary>
public sealed class TcpCounters
{
    private readonly long[] _drops = new long[(int)TcpDropReason.UnexpectedInState + 1];

    /// <summary>Segments retransmitted for any reason.</summary>
    public long Retransmissions { get; internal set; }
    /// <summary>Fast retransmits (RFC 5681 §3.2) including NewReno partial-ACK retransmits.</summary>
    public long FastRetransmits { get; internal set; }
    /// <summary>Retransmission timer expirations.</summary>
    public long Timeouts { get; internal set; }
    /// <summary>Challenge ACKs sent (RFC 5961).</summary>
    public long ChallengeAcks { get; internal set; }
    /// <summary>Zero-window probes sent.</summary>
    public long WindowProbes { get; internal set; }
    /// <summary>Segments sent.</summary>
    public long SegmentsSent { get; internal set; }
    /// <summary>Segments received (before any drop).</summary>
    public long SegmentsReceived { get; internal set; }

    /// <summary>Segments dropped for <paramref name="reason"/>.</summary>
    public long Dropped(TcpDropReason reason) => _drops[(int)reason];

    internal void Drop(TcpDropReason reason) => _drops[(int)reason]++;
}
