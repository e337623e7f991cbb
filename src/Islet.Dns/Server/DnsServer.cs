using System.Net;
using Islet.Dns.Server.Internal;
using Islet.Dns.Transfer;
using Islet.Dns.Update;
using Islet.Dns.Wire;
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
/// and at most <see cref="DnsServerOptions.MaxTcpConnections"/> are kept. With the options it
/// also accepts TSIG-signed dynamic updates (RFC 2136), saves them through
/// <see cref="DnsServerOptions.Persistence"/>, keeps a journal for IXFR, serves AXFR and IXFR to
/// allowed clients, sends NOTIFY to secondaries when a zone changes, and limits UDP response rates.
/// </summary>
/// <remarks>Runs on the event loop; every member is called there.</remarks>
public sealed partial class DnsServer
{
    private readonly IStack _stack;
    private readonly DnsServerOptions _options;
    private readonly List<DnsTcpConnection> _connections = [];
    private readonly List<Task> _connectionTasks = [];
    private readonly List<Task> _background = [];
    private readonly ResponseCache _udpCache = new();

    /// <summary>Where TCP responses are written before they are framed into a connection's pipe (see <see cref="DnsTcpConnection.GetBuffer"/>).</summary>
    internal readonly byte[] TcpScratch = new byte[ushort.MaxValue];
    private readonly ResponseCache _tcpCache = new();
    private readonly UpdateService _updates;
    private readonly ZoneTransferResponder _transfers;
    private readonly ZoneTransferResponder _signedTransfers = new(new TransferPolicy(IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")));
    private readonly Dictionary<DnsName, ZoneJournal> _journals = [];
    private readonly NotifySender _notify;
    private readonly AsyncSignal _notifyWake = new();
    private readonly ResponseRateLimiter? _limiter;
    private readonly SemaphoreSlim _updateGate = new(1, 1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AuthoritativeAnswerer _answerer;
    private DnsZone[] _zones;
    private EventLoop? _loop;

    /// <summary>The loop the server runs on: the one <see cref="RunAsync"/> was called on, else the current one.</summary>
    private EventLoop Loop => _loop ??= EventLoop.Current;
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
        _updates = new UpdateService(_options.Keys, _options.Updates ?? new UpdatePolicy { Authorize = static (_, _) => false });
        _transfers = new ZoneTransferResponder(_options.Transfers);
        _notify = new NotifySender(_options.Notify);
        foreach (DnsZone zone in _zones)
        {
            _journals[zone.Origin] = new ZoneJournal(zone.Origin, _options.JournalLength);
            _notify.SetTargets(zone.Origin, _options.NotifyTargets);
        }
        if (_options.RateLimit is { Enabled: true } rateLimit)
            _limiter = new ResponseRateLimiter(rateLimit);
    }

    /// <summary>What the server has done so far.</summary>
    public DnsServerCounters Counters { get; } = new();

    /// <summary>The address and port the server listens on, once <see cref="RunAsync"/> has bound them.</summary>
    public IPEndPoint? LocalEndPoint => _udp?.LocalEndPoint;

    /// <summary>The zones being served now.</summary>
    public IReadOnlyList<DnsZone> Zones => _zones;

    /// <summary>Completes once the server listens on both transports.</summary>
    public Task Started => _started.Task;

    /// <summary>The recent changes of the zone <paramref name="origin"/> kept for IXFR, or null for a zone not served.</summary>
    public ZoneJournal? Journal(DnsName origin) => _journals.GetValueOrDefault(origin);

    /// <summary>Serves <paramref name="zone"/> from now on in place of the zone with the same
    /// origin (or in addition, for a new origin). Queries already answered are unaffected. The
    /// change is journalled for IXFR and secondaries are notified; nothing is saved (the caller
    /// owns the zone's storage).</summary>
    public void ReplaceZone(DnsZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DnsZone? before = _zones.FirstOrDefault(z => z.Origin == zone.Origin);
        Publish(zone, before is null ? null : ZoneDiff(before, zone));
    }

    private static Zone.ZoneDiff? ZoneDiff(DnsZone before, DnsZone after) =>
        Serial(after) != Serial(before) ? Islet.Dns.Zone.ZoneDiff.Between(before, after) : null;

    private static uint Serial(DnsZone zone) => ((SoaRecordData)zone.Soa.Data).Serial;

    private void Publish(DnsZone zone, Zone.ZoneDiff? diff)
    {
        DnsZone[] zones = [.. _zones.Where(z => z.Origin != zone.Origin), zone];
        _answerer = new AuthoritativeAnswerer(zones);
        _zones = zones;
        _udpCache.Clear();
        _tcpCache.Clear();
        if (!_journals.TryGetValue(zone.Origin, out ZoneJournal? journal))
        {
            _journals[zone.Origin] = journal = new ZoneJournal(zone.Origin, _options.JournalLength);
            _notify.SetTargets(zone.Origin, _options.NotifyTargets);
        }
        if (diff is null)
        {
            journal.Clear();
        }
        else
        {
            try
            {
                journal.Append(diff);
            }
            catch (ArgumentException)
            {
                journal.Clear(); // the serial did not increase: IXFR falls back to the whole zone
            }
        }
        if (_options.NotifyTargets.Count > 0 && (_loop ?? EventLoop.CurrentOrNull) is { } loop)
        {
            _notify.ZoneChanged(zone, loop.NowNanoseconds);
            _notifyWake.Set();
        }
    }

    /// <summary>
    /// Binds UDP and TCP and serves until <paramref name="cancellationToken"/> is cancelled; then
    /// closes the sockets, lets TCP connections and updates finish what they are doing, and completes.
    /// </summary>
    /// <exception cref="NetException">A port could not be bound (for example it is in use).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        EventLoop loop = EventLoop.Current;
        _loop = loop;
        await BindAsync(cancellationToken).ConfigureAwait(true);
        _started.TrySetResult();
        Task udp = ServeUdpAsync(_udp!, cancellationToken);
        Task tcp = _tcp is null ? Task.CompletedTask : AcceptAsync(loop, _tcp, cancellationToken);
        Task notify = _options.NotifyTargets.Count > 0 ? SendNotifiesAsync(loop, _udp!, cancellationToken) : Task.CompletedTask;
        try
        {
            await Task.WhenAll(udp, tcp, notify).ConfigureAwait(true);
        }
        finally
        {
            await Task.WhenAll(_background).ConfigureAwait(true);
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
