using Islet.Net.Ip;
using Islet.Net.Wire;

namespace Islet.Net.Udp;

/// <summary>
/// UDP (RFC 768) as an <see cref="IIpTransport"/>: a bounded table of sockets by local port,
/// checksums verified on receipt and always computed on sending. Sans-IO: datagrams queued by
/// sockets leave in <see cref="Poll"/>.
/// </summary>
public sealed class UdpLayer : IIpTransport
{
    private readonly UdpLayerOptions _options;
    private readonly UdpSocket?[] _sockets;
    private ushort _nextEphemeral;

    /// <summary>Creates the layer with room for <see cref="UdpLayerOptions.MaxSockets"/> sockets.</summary>
    public UdpLayer(UdpLayerOptions? options = null)
    {
        _options = options ?? new UdpLayerOptions();
        _options.Validate();
        _sockets = new UdpSocket?[_options.MaxSockets];
        _nextEphemeral = _options.EphemeralFirst;
    }

    /// <inheritdoc />
    public IpProtocol Protocol => IpProtocol.Udp;

    /// <summary>The counters this layer updates.</summary>
    public UdpCounters Counters { get; } = new();

    /// <summary>Binds <paramref name="port"/>, or an unused ephemeral port when it is 0.</summary>
    /// <exception cref="NetException"><see cref="NetError.AddressInUse"/> if the port is bound; <see cref="NetError.NoResources"/> when the table or the ephemeral range is full.</exception>
    public UdpSocket Bind(ushort port, IUdpObserver? observer = null)
    {
        int free = Array.IndexOf(_sockets, null);
        if (free < 0) throw new NetException(NetError.NoResources, "UDP socket table is full.");
        if (port == 0) port = PickEphemeral();
        else if (Find(port) is not null) throw new NetException(NetError.AddressInUse, $"UDP port {port} is bound.");
        var socket = new UdpSocket(this, port, _options.QueueDepth, _options.MaxDatagramSize, observer);
        _sockets[free] = socket;
        return socket;
    }

    /// <inheritdoc />
    public bool Receive(in Ipv4Repr ip, ReadOnlySpan<byte> payload, long now)
    {
        if (!UdpDatagram.TryCreate(payload, out var datagram) || !UdpRepr.TryParse(datagram, ip.Source, ip.Destination, out var repr))
        {
            Counters.Malformed++;
            return true;
        }
        var socket = Find(repr.DestinationPort);
        if (socket is null)
        {
            Counters.NoSocket++;
            return false;
        }
        var data = datagram.Payload;
        if (data.Length > _options.MaxDatagramSize) Counters.TooLong++;
        else if (!socket.Deliver(new Ipv4Endpoint(ip.Source, repr.SourcePort), data)) Counters.ReceiveQueueFull++;
        else Counters.Received++;
        return true;
    }

    /// <inheritdoc />
    public long Poll(long now, IIpOutput output)
    {
        foreach (var socket in _sockets)
        {
            if (socket is null) continue;
            var queue = socket.SendQueue;
            while (queue.TryPeek(out var destination, out var data))
            {
                var repr = new UdpRepr(socket.LocalPort, destination.Port, data.Length);
                if (repr.BufferLength > output.MaxPayload)
                {
                    Counters.TooLong++;
                    queue.Pop();
                    continue;
                }
                if (!output.TryBegin(destination.Address, IpProtocol.Udp, repr.BufferLength, out var span)) break;
                repr.TryWrite(span, output.LocalAddress, destination.Address, data, out _);
                output.Commit();
                Counters.Sent++;
                queue.Pop();
            }
        }
        return long.MaxValue;
    }

    internal void Unbind(UdpSocket socket)
    {
        int i = Array.IndexOf(_sockets, socket);
        if (i >= 0) _sockets[i] = null;
    }

    private UdpSocket? Find(ushort port)
    {
        foreach (var socket in _sockets)
            if (socket is not null && socket.LocalPort == port) return socket;
        return null;
    }

    private ushort PickEphemeral()
    {
        int range = _options.EphemeralLast - _options.EphemeralFirst + 1;
        for (int tries = 0; tries < range; tries++)
        {
            ushort candidate = _nextEphemeral;
            _nextEphemeral = candidate == _options.EphemeralLast ? _options.EphemeralFirst : (ushort)(candidate + 1);
            if (Find(candidate) is null) return candidate;
        }
        throw new NetException(NetError.NoResources, "No ephemeral UDP port is free.");
    }
}
