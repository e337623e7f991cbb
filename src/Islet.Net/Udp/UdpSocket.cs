using Islet.Net.Internal;
using Islet.Net.Ip;

namespace Islet.Net.Udp;

/// <summary>
/// A UDP socket bound to a local port of a <see cref="UdpLayer"/>. Received datagrams wait in
/// a bounded queue (dropped and counted when full); sent datagrams wait in another until the
/// interface's next poll, which the caller should request after <see cref="TrySend"/>.
/// Not thread-safe: use it on the thread that polls the interface.
/// </summary>
public sealed class UdpSocket : IDisposable
{
    private readonly UdpLayer _layer;
    private readonly DatagramRing _receive, _send;

    internal UdpSocket(UdpLayer layer, ushort port, int depth, int slotSize, IUdpObserver? observer)
    {
        _layer = layer;
        LocalPort = port;
        Observer = observer;
        _receive = new DatagramRing(depth, slotSize);
        _send = new DatagramRing(depth, slotSize);
    }

    /// <summary>The bound port.</summary>
    public ushort LocalPort { get; }

    /// <summary>Told when datagrams arrive, if set.</summary>
    public IUdpObserver? Observer { get; set; }

    /// <summary>True after <see cref="Dispose"/>.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Datagrams waiting to be received.</summary>
    public int ReceiveQueueCount => _receive.Count;

    /// <summary>Datagrams waiting to be sent.</summary>
    public int SendQueueCount => _send.Count;

    /// <summary>
    /// Queues <paramref name="payload"/> for <paramref name="destination"/>; it leaves at the
    /// interface's next poll. Returns false when the send queue is full.
    /// </summary>
    /// <exception cref="NetException"><see cref="NetError.MessageTooLong"/> beyond the socket's slot size; <see cref="NetError.Closed"/> after disposal.</exception>
    public bool TrySend(Ipv4Endpoint destination, ReadOnlySpan<byte> payload)
    {
        if (IsClosed) throw new NetException(NetError.Closed);
        if (payload.Length > _send.SlotSize) throw new NetException(NetError.MessageTooLong);
        return _send.TryPush(destination, payload);
    }

    /// <summary>
    /// Copies the oldest received datagram into <paramref name="buffer"/> (truncated if shorter)
    /// and removes it; false when none is waiting.
    /// </summary>
    public bool TryReceive(Span<byte> buffer, out int length, out Ipv4Endpoint source) =>
        TryReceive(buffer, out length, out _, out source);

    /// <summary>
    /// As <see cref="TryReceive(Span{byte}, out int, out Ipv4Endpoint)"/>, also reporting the
    /// datagram's full length: it was truncated when <paramref name="datagramLength"/> exceeds
    /// <paramref name="length"/>.
    /// </summary>
    public bool TryReceive(Span<byte> buffer, out int length, out int datagramLength, out Ipv4Endpoint source)
    {
        if (!_receive.TryPeek(out source, out var data)) { length = datagramLength = 0; return false; }
        datagramLength = data.Length;
        length = Math.Min(buffer.Length, data.Length);
        data[..length].CopyTo(buffer);
        _receive.Pop();
        return true;
    }

    /// <summary>Unbinds the port and drops queued datagrams.</summary>
    public void Dispose()
    {
        if (IsClosed) return;
        IsClosed = true;
        _receive.Clear();
        _send.Clear();
        _layer.Unbind(this);
    }

    internal bool Deliver(Ipv4Endpoint source, ReadOnlySpan<byte> payload)
    {
        bool wasEmpty = _receive.Count == 0;
        if (!_receive.TryPush(source, payload)) return false;
        if (wasEmpty) Observer?.OnReadable();
        return true;
    }

    internal DatagramRing SendQueue => _send;
}
