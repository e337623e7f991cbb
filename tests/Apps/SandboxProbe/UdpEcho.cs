using System.Net;
using Islet.Net;

namespace Islet.Tests.Apps.SandboxProbe;

/// <summary>
/// <c>sandbox-probe udp-echo PORT</c>: sends every datagram to UDP PORT back to its sender,
/// until the image is told to stop; prints one line when bound and one with the count at the end.
/// </summary>
internal static class UdpEcho
{
    public static async Task RunAsync(UnikernelContext context, int port)
    {
        await using var socket = await context.Network.Udp.BindAsync(new IPEndPoint(IPAddress.Any, port));
        context.Console.WriteLine($"udp-echo: bound to port {port}");
        var buffer = new byte[2048];
        long echoed = 0;
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, context.ShutdownToken);
                await socket.SendAsync(buffer.AsMemory(0, received.Length), received.RemoteEndPoint, context.ShutdownToken);
                echoed++;
            }
        }
        catch (OperationCanceledException)
        {
        }
        context.Console.WriteLine($"udp-echo: echoed {echoed} datagrams");
    }
}
