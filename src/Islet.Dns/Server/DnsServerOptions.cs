using System.Net;

namespace Islet.Dns.Server;

/// <summary>Settings of a <see cref="DnsServer"/>.</summary>
public sealed record DnsServerOptions
{
    /// <summary>Where the server listens, on UDP and TCP alike. Default every address, port 53.
    /// Port 0 lets the stack pick one port for both (see <see cref="DnsServer.LocalEndPoint"/>).</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Any, 53);

    /// <summary>How long a TCP connection may sit without a complete query before the server
    /// closes it (RFC 7766 §6.2.3). Default 10 seconds.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>TCP connections served at once, at most. A connection accepted beyond this
    /// closes the connection that has been idle longest (RFC 7766 §6.2.2). Default 256.</summary>
    public int MaxTcpConnections { get; init; } = 256;

    /// <summary>Listen on TCP as well as UDP. Default true; a server without TCP cannot answer
    /// what does not fit a datagram.</summary>
    public bool Tcp { get; init; } = true;
}
