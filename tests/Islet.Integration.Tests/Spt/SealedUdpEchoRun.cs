using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Islet.Integration.Tests.Spt;

/// <summary>
/// <c>islet run sandbox-probe -t TARGET -p PORT:7/udp --stats -- udp-echo 7</c>: the sealed probe
/// echoes UDP behind the launcher's user networking, and two kernel UDP clients on 127.0.0.1,
/// each from a port of its own, must get exactly their own datagrams back. Then SIGTERM, which
/// must stop it. Shared by the spt and hvt tests.
/// </summary>
internal static class SealedUdpEchoRun
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);

    /// <summary>Runs the checks; returns the exit code and everything the run printed.</summary>
    public static async Task<(int ExitCode, string Output)> EchoAndCheck(SptFixture fixture, string target, string disk)
    {
        int port = FreeUdpPort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { fixture.IsletDll, "run", fixture.ProbeImage, "-t", target, "-p", $"127.0.0.1:{port}:7/udp", "--block", $"data={disk}", "--stats", "--", "udp-echo", "7" })
            start.ArgumentList.Add(a);
        var output = new StringBuilder();
        var bound = new TaskCompletionSource();
        var routed = new TaskCompletionSource();
        using var run = new Process { StartInfo = start };
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (output) output.Append(line).Append('\n');
            if (line.Contains("udp-echo: bound to port 7", StringComparison.Ordinal)) bound.TrySetResult();
            if (line.Contains($"udp://127.0.0.1:{port} -> guest port 7/udp", StringComparison.Ordinal)) routed.TrySetResult();
        }
        run.OutputDataReceived += (_, e) => OnLine(e.Data);
        run.ErrorDataReceived += (_, e) => OnLine(e.Data);
        run.Start();
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        try
        {
            // The launcher's banner comes once its host UDP socket is bound; the probe's line once
            // it is bound in the guest. Both must come, whichever is first.
            var ready = Task.WhenAll(bound.Task, routed.Task);
            if (await Task.WhenAny(ready, Task.Delay(s_limit)) != ready || run.HasExited)
                throw new TimeoutException($"islet run -t {target} did not get ready:\n{Text(output)}");
            var server = new IPEndPoint(IPAddress.Loopback, port);
            using var a = Client(server);
            using var b = Client(server);
            WaitForFirstEcho(a); // the guest may still be taking its lease: the first datagrams can be lost
            for (int i = 0; i < 5; i++)
            {
                a.Send(Encoding.ASCII.GetBytes($"a{i}"));
                b.Send(Encoding.ASCII.GetBytes($"b{i}"));
                Assert.Equal($"b{i}", Receive(b));
                Assert.Equal($"a{i}", Receive(a));
            }
        }
        finally
        {
            if (!run.HasExited) Process.Start("kill", ["-TERM", run.Id.ToString()])!.WaitForExit();
            Assert.True(run.WaitForExit(15_000), $"islet run -t {target} did not stop on SIGTERM");
        }
        run.WaitForExit(); // the output events are done
        return (run.ExitCode, Text(output));
    }

    private static Socket Client(IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = (int)s_limit.TotalMilliseconds };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Connect(server);
        return socket;
    }

    /// <summary>Sends "hello" every second, at most 60 times, until one comes back (later echoes of them are skipped by <see cref="Receive"/>).</summary>
    private static void WaitForFirstEcho(Socket socket)
    {
        var buffer = new byte[64];
        for (int attempt = 0; attempt < 60; attempt++)
        {
            socket.Send("hello"u8);
            if (!socket.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead)) continue;
            try
            {
                Assert.Equal("hello", Encoding.ASCII.GetString(buffer, 0, socket.Receive(buffer)));
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // an ICMP error for an earlier datagram: try again
            }
        }
        throw new TimeoutException("no datagram came back through the forward");
    }

    /// <summary>The next datagram that is not a late echo of <see cref="WaitForFirstEcho"/>'s.</summary>
    private static string Receive(Socket socket)
    {
        var buffer = new byte[64];
        while (true)
        {
            string text = Encoding.ASCII.GetString(buffer, 0, socket.Receive(buffer));
            if (text != "hello") return text;
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
