using System.Net;
using System.Net.Sockets;
using Islet.Events;
using Islet.Net;

namespace Islet.Platform.Unix.Net;

/// <summary>
/// TCP over the host's sockets. Listening on a guest port that is published
/// (<c>--islet-publish 8080:80</c>) binds the published host address instead, so the same
/// application listens on port 80 on every target.
/// </summary>
internal sealed class UnixTcpStack(EventLoop loop, IReadOnlyList<PortMapping> publish) : ITcpStack
{
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    public ValueTask<ITcpListener> ListenAsync(IPEndPoint localEndPoint, TcpListenOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TcpListenOptions();
        var bindTo = PublishedPorts.HostEndPointFor(publish, localEndPoint, PortProtocol.Tcp);
        var socket = new Socket(bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // SO_REUSEADDR alone (restart while old connections sit in TIME_WAIT). .NET's
            // ReuseAddress option would also set SO_REUSEPORT and let two listeners share a port.
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
            socket.Bind(bindTo);
            socket.Listen(options.Backlog);
            return ValueTask.FromResult<ITcpListener>(new UnixTcpListener(loop, socket, options, localEndPoint.Port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return ValueTask.FromException<ITcpListener>(SocketErrors.ToNetException(e));
        }
    }

    public async ValueTask<ITcpFlow> ConnectAsync(IPEndPoint remoteEndPoint, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(remoteEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        FdReadiness? readiness = null;
        try
        {
            socket.NoDelay = true;
            readiness = FdReadiness.ForSocket(loop, socket);
            try
            {
                socket.Connect(remoteEndPoint);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                using (cancellationToken.Register(static s => ((FdReadiness)s!).Writable.Set(), readiness))
                {
                    await readiness.Writable.WaitAsync().ConfigureAwait(false);
                }
                cancellationToken.ThrowIfCancellationRequested();
                // .NET reports SO_ERROR already translated to a SocketError value.
                var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                if (error != SocketError.Success) throw SocketErrors.ToNetException(error);
            }
            readiness.Dispose(); // the flow registers its own
            readiness = null;
            return new UnixTcpFlow(loop, socket);
        }
        catch (SocketException e)
        {
            readiness?.Dispose();
            socket.Dispose();
            throw SocketErrors.ToNetException(e);
        }
        catch
        {
            readiness?.Dispose();
            socket.Dispose();
            throw;
        }
    }
}
