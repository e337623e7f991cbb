namespace Islet.Dns.Server;

/// <summary>How a query reached the server, which decides the response size limit: a UDP
/// response is truncated to 512 bytes or the client's EDNS payload size; a TCP response may be
/// up to 65,535 bytes (RFC 1035 §4.2.2, RFC 7766).</summary>
public enum DnsTransport
{
    /// <summary>One datagram each way.</summary>
    Udp,

    /// <summary>A stream of messages, each behind a two-byte length.</summary>
    Tcp,
}
