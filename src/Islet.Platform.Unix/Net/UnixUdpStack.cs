using System.Net;
using System.Net.Sockets;
using Islet.Events;
using Islet.Net;

namespace Islet.Platform.Unix.Net;

/// <summary>UDP over the host's sockets; guest ports published with <c>/udp</c> bind their host address, as TCP's published ports do.</summary>
internal sealed class UnixUdpStack(EventLoop loop, IReadOnlyList<PortMapping> publish) : IUdpStack
{
    private readonly UdpSendBatcher _batcher = new(loop);

    public ValueTask<IUdpSocket> BindAsync(IPEndPoint localEndPoint, CancellationToken cancellationToken = default)
    {
        var bindTo = PublishedPorts.HostEndPointFor(publish, localEndPoint, PortProtocol.Udp);
        var socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(bindTo);
            return ValueTask.FromResult<IUdpSocket>(new UnixUdpSocket(loop, _batcher, socket, localEndPoint.Port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return ValueTask.FromException<IUdpSocket>(SocketErrors.ToNetException(e));
        }
    }
}
