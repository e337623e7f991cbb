using System.Net;
using System.Net.Sockets;
using Islet.Events;
using Islet.Net;

namespace Islet.Platform.Unix.Net;

/// <summary>A bound host UDP socket driven by epoll edges.</summary>
internal sealed class UnixUdpSocket : IUdpSocket
{
    private readonly Socket _socket;
    private readonly FdReadiness _readiness;
    private readonly EndPoint _anyEndPoint;
    private bool _disposed;

    public UnixUdpSocket(EventLoop loop, Socket socket, int guestPort)
    {
        _socket = socket;
        _readiness = FdReadiness.ForSocket(loop, socket);
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        LocalEndPoint = new IPEndPoint(bound.Address, guestPort == 0 ? bound.Port : guestPort);
        _anyEndPoint = new IPEndPoint(bound.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    }

    public IPEndPoint LocalEndPoint { get; }

    public async ValueTask<UdpReceived> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => ((FdReadiness)s!).Readable.Set(), _readiness)
            : default;
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            int available = _socket.Available; // FIONREAD: the size of the next datagram
            var remote = _anyEndPoint;
            try
            {
                int n = _socket.ReceiveFrom(buffer.Span, SocketFlags.None, ref remote);
                return new UdpReceived(n, (IPEndPoint)remote, available > buffer.Length);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                await _readiness.Readable.WaitAsync().ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // ICMP port unreachable for an earlier send: not this receive's concern.
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
            {
                return new UdpReceived(buffer.Length, (IPEndPoint)remote, true);
            }
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                _socket.SendTo(datagram.Span, SocketFlags.None, remoteEndPoint);
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                await _readiness.Writable.WaitAsync().ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw SocketErrors.ToNetException(e);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed) return default;
        _disposed = true;
        _readiness.Readable.Set();
        _readiness.Dispose();
        _socket.Dispose();
        return default;
    }
}
