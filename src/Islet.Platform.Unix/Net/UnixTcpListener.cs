using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Islet.Events;
using Islet.Net;
using Islet.Platform.Unix.Interop;

namespace Islet.Platform.Unix.Net;

/// <summary>A listening host socket; accepts with accept4(2) until EAGAIN, then waits for an epoll edge.</summary>
internal sealed class UnixTcpListener : ITcpListener
{
    private readonly EventLoop _loop;
    private readonly Socket _socket;
    private readonly FdReadiness _readiness;
    private readonly TcpListenOptions _options;
    private readonly int _guestPort;
    private bool _disposed;

    public UnixTcpListener(EventLoop loop, Socket socket, TcpListenOptions options, int guestPort)
    {
        _loop = loop;
        _socket = socket;
        _options = options;
        _guestPort = guestPort;
        _readiness = FdReadiness.ForSocket(loop, socket);
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        HostEndPoint = bound;
        LocalEndPoint = new IPEndPoint(bound.Address, guestPort == 0 ? bound.Port : guestPort);
    }

    /// <summary>The port as the application asked for it (the guest port when published).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Where the host actually listens.</summary>
    public IPEndPoint HostEndPoint { get; }

    public async ValueTask<ITcpFlow?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => ((FdReadiness)s!).Readable.Set(), _readiness)
            : default;
        while (!_disposed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int fd = LibC.accept4((int)_socket.Handle, 0, 0, LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
            if (fd >= 0)
            {
                var accepted = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
                try
                {
                    accepted.NoDelay = _options.NoDelay;
                    return new UnixTcpFlow(_loop, accepted);
                }
                catch (SocketException)
                {
                    accepted.Dispose(); // the peer went away between accept and setup
                    continue;
                }
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EAGAIN || errno == LibC.EINTR)
            {
                await _readiness.Readable.WaitAsync().ConfigureAwait(false);
                continue;
            }
            if (_disposed) break;
            // ECONNABORTED, EMFILE and friends: report once per failure but keep listening.
            Console.Error.WriteLine($"islet: accept failed: errno {errno}");
            await _readiness.Readable.WaitAsync().ConfigureAwait(false);
        }
        return null;
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed) return default;
        _disposed = true;
        _readiness.Readable.Set(); // wake a pending accept, which now returns null
        _readiness.Dispose();
        _socket.Dispose();
        return default;
    }
}
