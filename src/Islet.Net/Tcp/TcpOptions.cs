namespace Islet.Net.Tcp;

/// <summary>Per-connection settings. Immutable; one instance may be shared by many connections.</summary>
public sealed class TcpOptions
{
    /// <summary>The defaults.</summary>
    public static TcpOptions Default { get; } = new();

    /// <summary>Send buffer capacity in bytes (default 64 KiB). Never grows.</summary>
    public int SendBufferSize { get; init; } = 64 * 1024;
    /// <summary>Receive buffer capacity in bytes (default 64 KiB); the advertised window is its free space.</summary>
    public int ReceiveBufferSize { get; init; } = 64 * 1024;
    /// <summary>Most out-of-order ranges kept by the reassembler (default 8).</summary>
    public int MaxOutOfOrderRanges { get; init; } = 8;
    /// <summary>RTO before the first RTT sample (RFC 6298 §2.1: 1 s).</summary>
    public TimeSpan InitialRto { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Lower bound of the RTO (default 200 ms, as Linux's TCP_RTO_MIN; RFC 6298 §2.4 says 1 s
    /// SHOULD, which makes every timeout on a LAN or lossy path cost seconds).
    /// </summary>
    public TimeSpan MinRto { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>Upper bound of the RTO (RFC 6298 §2.5: at least 60 s).</summary>
    public TimeSpan MaxRto { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Retransmissions of one segment before the connection fails with TimedOut.</summary>
    public int MaxRetransmissions { get; init; } = 12;
    /// <summary>Retransmissions of a SYN or SYN-ACK before giving up.</summary>
    public int MaxSynRetransmissions { get; init; } = 6;
    /// <summary>Total TIME-WAIT duration, 2×MSL (default 60 s).</summary>
    public TimeSpan TimeWait { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Delayed-ACK timeout (RFC 1122 §4.2.3.2 allows up to 500 ms; default 40 ms).</summary>
    public TimeSpan DelayedAck { get; init; } = TimeSpan.FromMilliseconds(40);
    /// <summary>Disables Nagle's algorithm (RFC 896).</summary>
    public bool NoDelay { get; init; }
    /// <summary>Offer window scaling (RFC 7323 §2).</summary>
    public bool WindowScaling { get; init; } = true;
    /// <summary>Offer timestamps (RFC 7323 §3).</summary>
    public bool Timestamps { get; init; } = true;
    /// <summary>Offer SACK (RFC 2018): generate SACK blocks as a receiver and recover from the scoreboard as a sender (RFC 6675).</summary>
    public bool Sack { get; init; } = true;
    /// <summary>
    /// Send a tail loss probe (RFC 8985 §7) when the end of a flight is unacknowledged for
    /// 2·SRTT (at least 10 ms), instead of waiting for the RTO; needs SACK. On by default.
    /// </summary>
    public bool TailLossProbe { get; init; } = true;
    /// <summary>Send keepalive probes on an idle established connection (RFC 1122 §4.2.3.6); off by default.</summary>
    public bool KeepAlive { get; init; }
    /// <summary>Idle time before the first keepalive probe (default 2 h).</summary>
    public TimeSpan KeepAliveIdle { get; init; } = TimeSpan.FromHours(2);
    /// <summary>Time between unanswered keepalive probes (default 75 s).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(75);
    /// <summary>Unanswered keepalive probes before failing with TimedOut (default 9).</summary>
    public int KeepAliveProbes { get; init; } = 9;
    /// <summary>Challenge ACKs (RFC 5961 §7) a connection may send per second (default 10).</summary>
    public int ChallengeAcksPerSecond { get; init; } = 10;

    internal static long Ns(TimeSpan t) => t.Ticks * 100;
}
