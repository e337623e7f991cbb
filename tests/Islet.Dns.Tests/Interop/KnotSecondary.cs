using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Islet.Dns.Tests.Interop;

/// <summary>
/// A real Knot DNS server (knotd from Debian) running as a secondary for one zone, on
/// 127.0.0.1 and a free port, with its configuration, database and journal in a temp
/// directory: it transfers the zone from the given primary, accepts NOTIFY from 127.0.0.1,
/// and logs to a buffer the test can read. Disposing it stops knotd and removes the directory.
/// </summary>
internal sealed class KnotSecondary : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _directory;

    public KnotSecondary(string zone, IPEndPoint primary, int port)
    {
        _directory = ExternalTool.TempDirectory("islet-knot-");
        Port = port;
        string config = Path.Combine(_directory, "knot.conf");
        File.WriteAllText(config, $"""
            server:
                rundir: "{_directory}"
                listen: 127.0.0.1@{Port}
                udp-workers: 1
                tcp-workers: 1
                background-workers: 1
            database:
                storage: "{_directory}/db"
            log:
              - target: stderr
                any: info
            remote:
              - id: primary
                address: {primary.Address}@{primary.Port}
            acl:
              - id: notify_from_primary
                address: 127.0.0.1
                action: notify
            template:
              - id: default
                storage: "{_directory}"
                zonefile-sync: -1
                zonefile-load: none
                journal-content: changes
            zone:
              - domain: {zone}
                master: primary
                acl: notify_from_primary
            """);
        var start = new ProcessStartInfo(ToolFactAttribute.Find("knotd") ?? "knotd", ["-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Port { get; }

    /// <summary>What knotd has logged so far.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>dig against the secondary: the answer lines of <paramref name="name"/> <paramref name="type"/> (+short).</summary>
    public string Dig(string name, string type)
    {
        var (_, output) = ExternalTool.Run("dig", "@127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "+norec", "+short", "+time=2", "+tries=1", name, type);
        return output.Trim();
    }

    /// <summary>Polls <paramref name="condition"/> every 200 ms for at most <paramref name="seconds"/>; true once it holds.</summary>
    public static bool WaitFor(Func<bool> condition, int seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (condition())
                return true;
            Thread.Sleep(200);
        }
        return condition();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A UDP port free on 127.0.0.1 now (for a server started next).</summary>
    public static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
