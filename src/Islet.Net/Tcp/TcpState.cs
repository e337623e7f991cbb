namespace Islet.Net.Tcp;

/// <summary>The connection states of RFC 9293 §3.3.2.</summary>
public enum TcpState
{
    /// <summary>No connection (initial, or finished).</summary>
    Closed,
    /// <summary>Waiting for a SYN (listeners only).</summary>
    Listen,
    /// <summary>SYN sent, waiting for the peer's SYN.</summary>
    SynSent,
    /// <summary>SYN received and SYN-ACK sent, waiting for its acknowledgment.</summary>
    SynReceived,
    /// <summary>Open: data flows both ways.</summary>
    Established,
    /// <summary>Closed locally, FIN sent, waiting for its ACK or the peer's FIN.</summary>
    FinWait1,
    /// <summary>Our FIN acknowledged, waiting for the peer's FIN.</summary>
    FinWait2,
    /// <summary>The peer closed; waiting for the application to close.</summary>
    CloseWait,
    /// <summary>Both sides closed at once; waiting for the ACK of our FIN.</summary>
    Closing,
    /// <summary>Closed after the peer; waiting for the ACK of our FIN.</summary>
    LastAck,
    /// <summary>Waiting 2×MSL so late segments of this connection die out.</summary>
    TimeWait,
}
