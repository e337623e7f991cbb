namespace Islet.Net.Tcp;

/// <summary>Why an incoming TCP segment was dropped (the index of a drop counter).</summary>
public enum TcpDropReason
{
    /// <summary>Header too short or options malformed.</summary>
    Malformed,
    /// <summary>Checksum did not verify.</summary>
    Checksum,
    /// <summary>No connection or listener (answered with RST unless it was one).</summary>
    NoSocket,
    /// <summary>Listener backlog or half-open limit reached (SYN-flood protection).</summary>
    BacklogFull,
    /// <summary>Failed the RFC 9293 §3.10.7.4 acceptability test.</summary>
    OutOfWindow,
    /// <summary>Rejected by PAWS (RFC 7323 §5).</summary>
    Paws,
    /// <summary>Unacceptable acknowledgment number.</summary>
    BadAck,
    /// <summary>An in-window RST or SYN that was not exact (RFC 5961): challenged.</summary>
    Challenged,
    /// <summary>Out-of-order data that needed more assembler ranges than allowed.</summary>
    TooManyHoles,
    /// <summary>Not meaningful in the connection's state.</summary>
    UnexpectedInState,
}
