using System.Net;
using Islet.Dns.Server.Internal;
using Islet.Events;
using Islet.Net;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Server;

/// <summary>
/// An authoritative DNS server on a network stack (any target's <see cref="IStack"/>): UDP and
/// TCP on one port, answering from its zones with <see cref="AuthoritativeAnswerer"/>. UDP
/// answers are truncated (TC) to 512 bytes or the client's EDNS size, so the client retries
/// over TCP, where connections follow RFC 7766: several queries may be in flight on one
/// connection, idle connections are closed after <see cref="DnsServerOptions.TcpIdleTimeout"/>,
/// and at most <see cref="DnsServerOptions.MaxTcpConnections"/> are kept.
/// </summary>
/// <remarks>Runs on the event loop; every member is called there.</remarks>
public sealed partial class DnsServer
{
    private readonly IStack _stack;
    private readonly DnsServerOptions _options;
    private readonly List<DnsTcpConnection> _connections = [];
    private readonly List<Task> _connectionTasks = [];
    private readonly ResponseCache _udpCache = new();
    private readonly ResponseCache _tcpCache = new();
    private AuthoritativeAnswerer _answerer;
    private DnsZone[] _zones;
    private IUdpSocket? _udp;
    private ITcpListener? _tcp;

    /// <summary>A server for <paramref name="zones"/> with <paramref name="options"/> (null: the defaults).</summary>
    /// <exception cref="ArgumentException">No zone is given, or two share an origin.</exception>
    public DnsServer(IStack stack, DnsServerOptions? options, params IEnumerable<DnsZone> zones)
    {
        ArgumentNullException.ThrowIfNull(stack);
        _stack = stack;
        _options = options ?? new DnsServerOptions();
        _zones = [.. zones];
        _answerer = new AuthoritativeAnswerer(_zones);
    }

    /// <summary>What the server has done so far.</summary>
    public DnsServerCounters Counters { get; } = new();

    /// <summary>The address and port the server listens on, once <see cref="RunAsync"/> has bound them.</summary>
    public IPEndPoint? LocalEndPoint => _udp?.LocalEndPoint;

    /// <summary>The zones being served now.</summary>
    public IReadOnlyList<DnsZone> Zones => _zones;

    /// <summary>Completes once the server listens on both transports.</summary>
    public Task Started => _started.Task;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Serves <paramref name="zone"/> from now on in place of the zone with the same
    /// origin (or in addition, for a new origin). Queries already answered are unaffected.</summary>
    public void ReplaceZone(DnsZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DnsZone[] zones = [.. _zones.Where(z => z.Origin != zone.Origin), zone];
        _answerer = new AuthoritativeAnswerer(zones);
        _zones = zones;
        _udpCache.Clear();
        _tcpCache.Clear();
    }

    /// <summary>
    /// Binds UDP and TCP and serves until <paramref name="cancellationToken"/> is cancelled; then
    /// closes the sockets, lets TCP connections finish the query they are answering, and completes.
    /// </summary>
    /// <exception cref="NetException">A port could not be bound (for example it is in use).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        EventLoop loop = EventLoop.Current;
        await BindAsync(cancellationToken).ConfigureAwait(true);
        _started.TrySetResult();
        Task udp = ServeUdpAsync(_udp!, cancellationToken);
        Task tcp = _tcp is null ? Task.CompletedTask : AcceptAsync(loop, _tcp, cancellationToken);
        try
        {
            await Task.WhenAll(udp, tcp).ConfigureAwait(true);
        }
        finally
        {
            await _udp!.DisposeAsync().ConfigureAwait(true);
            if (_tcp is not null)
                await _tcp.DisposeAsync().ConfigureAwait(true);
            foreach (DnsTcpConnection connection in _connections)
                connection.Stop();
            await Task.WhenAll(_connectionTasks).ConfigureAwait(true);
        }
    }

    private async Task BindAsync(CancellationToken cancellationToken)
    {
        // Port 0: UDP picks the port and TCP takes the same number; a clash picks again.
        for (int attempt = 0; ; attempt++)
        {
            _udp = await _stack.Udp.BindAsync(_options.EndPoint, cancellationToken).ConfigureAwait(true);
            if (!_options.Tcp)
                return;
            try
            {
                var tcpEndPoint = new IPEndPoint(_options.EndPoint.Address, _udp.LocalEndPoint.Port);
                _tcp = await _stack.Tcp.ListenAsync(tcpEndPoint, null, cancellationToken).ConfigureAwait(true);
                return;
            }
            catch (NetException e) when (e.Error == NetError.AddressInUse && _options.EndPoint.Port == 0 && attempt < 8)
            {
                await _udp.DisposeAsync().ConfigureAwait(true);
            }
            catch
            {
                await _udp.DisposeAsync().ConfigureAwait(true);
                throw;
            }
        }
    }
}
