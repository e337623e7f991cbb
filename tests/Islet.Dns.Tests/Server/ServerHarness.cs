using System.Net;
using Islet.Dns.Server;
using Islet.Events;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Server;

/// <summary>
/// A <see cref="DnsServer"/> on the unix target's stack (real kernel sockets on 127.0.0.1, port
/// chosen by the kernel), its event loop on a thread of its own. Disposing it shuts the loop
/// down and waits for <see cref="DnsServer.RunAsync"/> to complete.
/// </summary>
internal sealed class ServerHarness : IDisposable
{
    private readonly EventLoop _loop = new(new EventLoopOptions { Poller = new EpollPoller() });
    private readonly Thread _thread;
    private readonly TaskCompletionSource<DnsServer> _server = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;

    public ServerHarness(DnsServerOptions? options = null, params DnsZone[] zones)
    {
        options = (options ?? new DnsServerOptions()) with { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) };
        _thread = new Thread(() =>
        {
            try
            {
                _loop.Run(async () =>
                {
                    var server = new DnsServer(new UnixStack(_loop), options, zones.Length > 0 ? zones : [DnsZone.Load(ServerZone.Text, ServerZone.Origin)]);
                    Task running = server.RunAsync(_loop.ShutdownToken);
                    await Task.WhenAny(server.Started, running);
                    _server.TrySetResult(server);
                    await running;
                });
            }
            catch (Exception e)
            {
                _failure = e;
                _server.TrySetException(e);
            }
        }) { IsBackground = true, Name = "dns-server-loop" };
        _thread.Start();
        if (!_server.Task.Wait(TimeSpan.FromSeconds(30)))
            throw new TimeoutException("The DNS server did not start within 30 s.");
        Server = _server.Task.Result;
        Port = Server.LocalEndPoint!.Port;
    }

    public DnsServer Server { get; }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>Runs <paramref name="read"/> on the loop thread (where the server's state lives) and returns its result.</summary>
    public T OnLoop<T>(Func<T> read)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop.Post(_ =>
        {
            try
            {
                done.SetResult(read());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }, null);
        return done.Task.Wait(TimeSpan.FromSeconds(30)) ? done.Task.Result : throw new TimeoutException("The loop did not run the read.");
    }

    public void Dispose()
    {
        _loop.RequestShutdown();
        if (!_thread.Join(TimeSpan.FromSeconds(30)))
            throw new TimeoutException("The DNS server did not stop within 30 s of shutdown.");
        _loop.Dispose();
        if (_failure is not null)
            throw new InvalidOperationException("The DNS server's loop failed.", _failure);
    }
}
