using System.Net;
using Islet.Net.Ip;
using Islet.Net.Udp;

namespace Islet.Net.Stack;

/// <summary>A UDP socket of Islet's own stack for applications.</summary>
internal sealed class DirectUdpSocket : IUdpSocket, IUdpObserver
{
    private readonly UdpSocket _socket;
    private readonly StackDriver _driver;
    private readonly Events.AsyncSignal _readable = new();

    public DirectUdpSocket(UdpSocket socket, StackDriver driver, IPAddress localAddress)
    {
        _socket = socket;
        _driver = driver;
        socket.Observer = this;
        LocalEndPoint = new IPEndPoint(localAddress, socket.LocalPort);
    }

    public IPEndPoint LocalEndPoint { get; }

    void IUdpObserver.OnReadable() => _readable.Set();

    public async ValueTask<UdpReceived> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => ((Events.AsyncSignal)s!).Set(), _readable)
            : default;
        while (true)
        {
            if (_socket.IsClosed) throw new NetException(NetError.Closed);
            cancellationToken.ThrowIfCancellationRequested();
            if (_socket.TryReceive(buffer.Span, out int length, out int datagramLength, out var source))
            {
                return new UdpReceived(length, EndPoints.ToIPEndPoint(source), datagramLength > length);
            }
            await _readable.WaitAsync();
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken = default)
    {
        var destination = new Ipv4Endpoint(EndPoints.ToIpv4(remoteEndPoint.Address), (ushort)remoteEndPoint.Port);
        while (!_socket.TrySend(destination, datagram.Span))
        {
            // The send queue is full: let the interface drain it, then try again.
            _driver.RequestPoll();
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
        }
        _driver.RequestPoll();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _readable.Set();
        return default;
    }
}
