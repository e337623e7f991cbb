using System.Net;
using System.Net.Sockets;

namespace Islet.Cli.Tests;

/// <summary>Ports on 127.0.0.1 for test servers.</summary>
internal static class Loopback
{
    /// <summary>A port the kernel just had free (another process may take it; callers retry).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Tries to connect until something accepts on <paramref name="port"/>; false when <paramref name="gone"/> or after 400 tries.</summary>
    public static bool WaitForListener(int port, Func<bool> gone)
    {
        for (int i = 0; i < 400 && !gone(); i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(25);
            }
        }
        return false;
    }
}
