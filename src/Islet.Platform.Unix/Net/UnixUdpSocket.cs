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
    private readonly UdpSendBatcher _batcher;
    private readonly UdpSendQueue _sendQueue;
    private bool _disposed;

    public UnixUdpSocket(EventLoop loop, UdpSendBatcher batcher, Socket socket, int guestPort)
    {
        _batcher = batcher;
        _sendQueue = new UdpSendQueue((int)socket.Handle);
        _socket = socket;
        _readiness = FdReadiness.ForSocket(loop, socket);
        _syscalls = new UdpSyscalls((int)socket.Handle);
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        LocalEndPoint = new IPEndPoint(bound.Address, guestPort == 0 ? bound.Port : guestPort);
    }

    /// <summary>The largest UDP payload over IPv4 (65,535 - 8 - 20); IPv6 allows 20 bytes more, which no caller needs.</summary>
    private const int MaxDatagram = 65507;

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

    /// <summary>Queues the datagram for the end of the loop's turn (see <see cref="UdpSendBatcher"/>);
    /// one larger than the queue's arena is sent at once. Errors the kernel reports when the batch
    /// goes out lose the datagram, as UDP may.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (remoteEndPoint.AddressFamily != _socket.AddressFamily)
            throw new NetException(NetError.AddressNotAvailable, $"{remoteEndPoint} is not reachable from a socket bound to {LocalEndPoint}");
        if (datagram.Length > MaxDatagram)
            throw new NetException(NetError.MessageTooLong, $"a {datagram.Length}-byte datagram does not fit in one UDP datagram (at most {MaxDatagram} bytes)");
        if (_sendQueue.TryQueue(datagram.Span, remoteEndPoint))
        {
            _batcher.Enlist(_sendQueue);
            return default;
        }
        _sendQueue.Flush();
        if (_sendQueue.TryQueue(datagram.Span, remoteEndPoint))
        {
            _batcher.Enlist(_sendQueue);
            return default;
        }
        return SendAloneAsync(datagram, remoteEndPoint);
    }

    private async ValueTask SendAloneAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint)
    {
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
        _sendQueue.Dispose(); // sends what this turn queued
        _readiness.Dispose();
        _socket.Dispose();
        _syscalls.Dispose();
        return default;
    }
}
