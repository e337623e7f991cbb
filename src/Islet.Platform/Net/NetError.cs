namespace Islet.Net;

/// <summary>Why a network operation failed. The closed set every stack reports in.</summary>
public enum NetError
{
    /// <summary>The peer refused the connection (RST to our SYN, or ICMP port unreachable).</summary>
    Refused,
    /// <summary>The peer reset an established connection.</summary>
    Reset,
    /// <summary>The peer stopped answering: connect or retransmission gave up.</summary>
    TimedOut,
    /// <summary>No route to the peer, or it did not answer ARP.</summary>
    Unreachable,
    /// <summary>The local address and port are already bound.</summary>
    AddressInUse,
    /// <summary>The local address is not one of this stack's.</summary>
    AddressNotAvailable,
    /// <summary>A datagram is too large to send.</summary>
    MessageTooLong,
    /// <summary>The operation needs more resources (sockets, buffers) than the stack's limits allow.</summary>
    NoResources,
    /// <summary>The flow or socket was already closed locally.</summary>
    Closed,
    /// <summary>The stack does not offer this (for example a protocol the target lacks).</summary>
    NotSupported,
}
