using System.Net;
using Islet.Net.Udp;

namespace Islet.Net.Stack;

/// <summary><see cref="IUdpStack"/> over Islet's own <see cref="UdpLayer"/>.</summary>
internal sealed class DirectUdpStack(UdpLayer udp, StackDriver driver) : IUdpStack
{
    public ValueTask<IUdpSocket> BindAsync(IPEndPoint localEndPoint, CancellationToken cancellationToken = default)
    {
        try
        {
            var socket = udp.Bind((ushort)localEndPoint.Port);
            return ValueTask.FromResult<IUdpSocket>(new DirectUdpSocket(socket, driver, localEndPoint.Address));
        }
        catch (NetException e)
        {
            return ValueTask.FromException<IUdpSocket>(e);
        }
    }
}
