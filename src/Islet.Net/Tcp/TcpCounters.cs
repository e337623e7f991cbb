namespace Islet.Net.Tcp;

/// <summary>
/// Event counters of one connection or of a whole <see cref="TcpLayer"/>. A layer's counters
/// include every event of its connections (each connection's events are added to both), plus
/// the layer's own (segments for no connection, resets it sends). <see cref="SegmentsReceived"/>
/// is counted once per segment the layer receives.
/// </summary>
public sealed class TcpCounters
{
    private readonly long[] _drops = new long[(int)TcpDropReason.UnexpectedInState + 1];
    private long _retransmissions, _fastRetransmits, _timeouts, _challengeAcks, _windowProbes, _segmentsSent;
    private long _recoveries, _sackRecoveries, _tailLossProbes, _recoveriesAfterTimeout;

    /// <summary>The layer's counters, which also receive this connection's events.</summary>
    internal TcpCounters? Parent { get; set; }

    /// <summary>Segments retransmitted for any reason (timeouts, fast retransmits, SACK recovery, SYN retries).</summary>
    public long Retransmissions { get => _retransmissions; internal set { if (Parent is { } p) p.Retransmissions += value - _retransmissions; _retransmissions = value; } }
    /// <summary>Segments resent by fast retransmit / fast recovery (RFC 5681 §3.2, RFC 6582 partial ACKs, RFC 6675 holes), not by a timeout.</summary>
    public long FastRetransmits { get => _fastRetransmits; internal set { if (Parent is { } p) p.FastRetransmits += value - _fastRetransmits; _fastRetransmits = value; } }
    /// <summary>Retransmission timer (RTO) expirations.</summary>
    public long Timeouts { get => _timeouts; internal set { if (Parent is { } p) p.Timeouts += value - _timeouts; _timeouts = value; } }
    /// <summary>Fast-recovery episodes entered (NewReno or SACK-based).</summary>
    public long Recoveries { get => _recoveries; internal set { if (Parent is { } p) p.Recoveries += value - _recoveries; _recoveries = value; } }
    /// <summary>Recovery episodes driven by the SACK scoreboard (RFC 6675); a subset of <see cref="Recoveries"/>.</summary>
    public long SackRecoveries { get => _sackRecoveries; internal set { if (Parent is { } p) p.SackRecoveries += value - _sackRecoveries; _sackRecoveries = value; } }
    /// <summary>Tail loss probes sent (RFC 8985 §7): the last segment resent, or a new one sent, before the RTO.</summary>
    public long TailLossProbes { get => _tailLossProbes; internal set { if (Parent is { } p) p.TailLossProbes += value - _tailLossProbes; _tailLossProbes = value; } }
    /// <summary>SACK recoveries started after a timeout, before SND.UNA passed the timeout's recovery point; a subset of <see cref="SackRecoveries"/>.</summary>
    public long RecoveriesAfterTimeout { get => _recoveriesAfterTimeout; internal set { if (Parent is { } p) p.RecoveriesAfterTimeout += value - _recoveriesAfterTimeout; _recoveriesAfterTimeout = value; } }
    /// <summary>Challenge ACKs sent (RFC 5961).</summary>
    public long ChallengeAcks { get => _challengeAcks; internal set { if (Parent is { } p) p.ChallengeAcks += value - _challengeAcks; _challengeAcks = value; } }
    /// <summary>Zero-window probes sent.</summary>
    public long WindowProbes { get => _windowProbes; internal set { if (Parent is { } p) p.WindowProbes += value - _windowProbes; _windowProbes = value; } }
    /// <summary>Segments sent.</summary>
    public long SegmentsSent { get => _segmentsSent; internal set { if (Parent is { } p) p.SegmentsSent += value - _segmentsSent; _segmentsSent = value; } }
    /// <summary>Segments received (before any drop). Not forwarded to the layer, which counts each segment itself.</summary>
    public long SegmentsReceived { get; internal set; }

    /// <summary>Segments dropped for <paramref name="reason"/>.</summary>
    public long Dropped(TcpDropReason reason) => _drops[(int)reason];

    internal void Drop(TcpDropReason reason)
    {
        _drops[(int)reason]++;
        Parent?.Drop(reason);
    }
}
