namespace Islet.Dns.Transfer;

/// <summary>The transport a transfer query arrived on, which decides what may be sent back.</summary>
public enum TransferTransport
{
    /// <summary>One datagram; AXFR is refused and IXFR sends only what fits one message.</summary>
    Udp,
    /// <summary>A TCP connection with 2-byte length-prefixed messages; any number of messages.</summary>
    Tcp,
}
