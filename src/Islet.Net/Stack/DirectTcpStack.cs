using System.Net;
using System.Net.Sockets;
using Islet.Net.Ip;
using Islet.Net.Tcp;
using Islet.Net.Wire;

namespace Islet.Net.Stack;

/// <summary><see cref="ITcpStack"/> over Islet's own <see cref="TcpLayer"/>.</summary>
internal sealed class DirectTcpStack(TcpLayer tcp, StackDriver driver, Func<Ipv4Address> localAddress, Events.EventLoop loop) : ITcpStack
{
    public ValueTask<ITcpListener> ListenAsync(IPEndPoint localEndPoint, TcpListenOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TcpListenOptions();
        if (localEndPoint.AddressFamily != AddressFamily.InterNetwork)
            return ValueTask.FromException<ITcpListener>(new NetException(NetError.NotSupported, "Islet's stack speaks IPv4"));
        var local = new Ipv4Endpoint(EndPoints.ToIpv4(localEndPoint.Address), (ushort)localEndPoint.Port);
        try
        {
            var core = tcp.Listen(local, options.Backlog);
            return ValueTask.FromResult<ITcpListener>(new DirectTcpListener(tcp, core, driver, options.NoDelay));
        }
        catch (NetException e)
        {
            return ValueTask.FromException<ITcpListener>(e);
        }
    }

    /// <summary>The catch-all listener (see <see cref="TcpLayer.ListenCatchAll"/>).</summary>
    public ITcpListener ListenCatchAll(TcpListenOptions options) =>
        new DirectTcpListener(tcp, tcp.ListenCatchAll(options.Backlog), driver, options.NoDelay);

    public async ValueTask<ITcpFlow> ConnectAsync(IPEndPoint remoteEndPoint, CancellationToken cancellationToken = default)
    {
        if (remoteEndPoint.AddressFamily != AddressFamily.InterNetwork) throw new NetException(NetError.NotSupported, "Islet's stack speaks IPv4");
        var remote = new Ipv4Endpoint(EndPoints.ToIpv4(remoteEndPoint.Address), (ushort)remoteEndPoint.Port);
        var connection = tcp.Connect(localAddress(), remote, loop.NowNanoseconds);
        connection.NoDelay = true; // as the unix target's sockets: request/response protocols want it
        var flow = new DirectTcpFlow(connection, driver);
        driver.RequestPoll();
        await flow.WaitEstablishedAsync(cancellationToken);
        return flow;
    }
}
