using System.Net;
using System.Net.Sockets;
using Islet.Events;
using Islet.Net;

namespace Islet.Platform.Unix.Net;

/// <summary>A bound host UDP socket driven by epoll edges; datagrams move with <see cref="UdpSyscalls"/>.</summary>
internal sealed class UnixUdpSocket : IUdpSocket
{
    private readonly Socket _socket;
    private readonly FdReadiness _readiness;
    private readonly UdpSyscalls _syscalls;
    private bool _disposed;

    public UnixUdpSocket(EventLoop loop, Socket socket, int guestPort)
    {
        _socket = socket;
        _readiness = FdReadiness.ForSocket(loop, socket);
        _syscalls = new UdpSyscalls((int)socket.Handle);
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        LocalEndPoint = new IPEndPoint(bound.Address, guestPort == 0 ? bound.Port : guestPort);
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
            switch (_syscalls.TryReceive(buffer.Span, out int length, out var sender))
            {
                case UdpSyscalls.Outcome.Received:
                    return new UdpReceived(Math.Min(length, buffer.Length), sender!, length > buffer.Length);
                case UdpSyscalls.Outcome.WouldBlock:
                    await _readiness.Readable.WaitAsync().ConfigureAwait(false);
                    break;
            }
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        if (remoteEndPoint.AddressFamily != _socket.AddressFamily)
            throw new NetException(NetError.AddressNotAvailable, $"{remoteEndPoint} is not reachable from a socket bound to {LocalEndPoint}");
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_syscalls.TrySend(datagram.Span, remoteEndPoint)) return;
            await _readiness.Writable.WaitAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed) return default;
        _disposed = true;
        _readiness.Readable.Set();
        _readiness.Dispose();
        _socket.Dispose();
        _syscalls.Dispose();
        return default;
    }
}
