using System.Net;
using System.Net.Sockets;

namespace Islet.Integration.Tests;

/// <summary>Loopback port helpers for tests that start servers.</summary>
public static class Ports
{
    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int Free()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Waits (bounded by <paramref name="timeout"/>) until something accepts on <paramref name="port"/>; <paramref name="stillAlive"/> false gives up early.</summary>
    public static void WaitUntilListening(int port, TimeSpan timeout, Func<bool>? stillAlive = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (stillAlive is not null && !stillAlive()) throw new InvalidOperationException($"the server exited before listening on {port}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"nothing listened on {port} within {timeout}");
    }
}
