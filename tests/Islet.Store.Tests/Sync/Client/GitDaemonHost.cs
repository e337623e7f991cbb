using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>
/// <c>git daemon</c> on 127.0.0.1 and a free port, exporting every repository under a base
/// directory with receive-pack enabled; killed on dispose.
/// </summary>
internal sealed class GitDaemonHost : IDisposable
{
    private readonly Process _process;

    public GitDaemonHost(string baseDirectory)
    {
        BaseDirectory = baseDirectory;
        for (int attempt = 0; ; attempt++)
        {
            Port = FreePort();
            var info = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in new[] { "daemon", "--reuseaddr", "--listen=127.0.0.1", $"--port={Port}", $"--base-path={baseDirectory}", "--export-all", "--enable=receive-pack", "--informative-errors", baseDirectory })
                info.ArgumentList.Add(argument);
            info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
            _process = Process.Start(info)!;
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginErrorReadLine();
            if (WaitUntilListening())
                return;
            Kill();
            if (attempt == 3)
                throw new InvalidOperationException("git daemon did not start listening.");
        }
    }

    public string BaseDirectory { get; }

    public int Port { get; private set; }

    public string Url(string name) => $"git://127.0.0.1:{Port}/{name}";

    public void Dispose() => Kill();

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Polls until the daemon accepts a connection (bounded: it has exited or 200 tries).</summary>
    private bool WaitUntilListening()
    {
        for (int i = 0; i < 200 && !_process.HasExited; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(25);
            }
        }
        return false;
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
