using System.Net;
using Islet.Dns.Persistence;
using Islet.Dns.Security;
using Islet.Dns.Transfer;
using Islet.Dns.Update;
using Islet.Dns.Wire;

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

    /// <summary>TSIG keys (RFC 8945) the server knows: they sign dynamic updates and may
    /// authorise zone transfers. Default none.</summary>
    public TsigKeyring Keys { get; init; } = new();

    /// <summary>Who may update zones (RFC 2136). Default: TSIG-signed updates with a key of
    /// <see cref="Keys"/>; with no keys every update is refused. Null turns updates off: every
    /// UPDATE gets REFUSED (or the TSIG error, when signed).</summary>
    public UpdatePolicy? Updates { get; init; } = new();

    /// <summary>Clients that may transfer zones (AXFR, IXFR) by address. A transfer request
    /// signed with a key of <see cref="Keys"/> is allowed from anywhere. Default: nobody.</summary>
    public TransferPolicy Transfers { get; init; } = TransferPolicy.DenyAll;

    /// <summary>Secondaries told by NOTIFY (RFC 1996) whenever a zone changes. Default none.</summary>
    public IReadOnlyList<IPEndPoint> NotifyTargets { get; init; } = [];

    /// <summary>NOTIFY retransmission settings. Default: the sender's defaults.</summary>
    public NotifySenderOptions? Notify { get; init; }

    /// <summary>Response rate limiting for UDP. Default off.</summary>
    public ResponseRateLimiterOptions? RateLimit { get; init; }

    /// <summary>Where each zone's updates are made durable, by origin. A zone without an entry
    /// keeps its updates in memory only. An update is answered only after its save completed;
    /// a failed save answers SERVFAIL and the zone stays as it was.</summary>
    public IReadOnlyDictionary<DnsName, IZonePersistence> Persistence { get; init; } = new Dictionary<DnsName, IZonePersistence>();

    /// <summary>How many recent changes of each zone are kept for IXFR. Default 100.</summary>
    public int JournalLength { get; init; } = 100;
}
