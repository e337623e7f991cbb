using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Islet.Dns.Transfer;
using Xunit.Abstractions;
using static Islet.Dns.Tests.Transfer.TransferZones;

namespace Islet.Dns.Tests.Transfer;

/// <summary>Knot DNS's knotd as a real secondary of a test primary on 127.0.0.1: it loads the zone
/// by AXFR, takes our NOTIFY (answering it, which stops our retransmission) and follows with IXFR.
/// Prints SKIPPED and passes when knotd or kdig is not installed.</summary>
public sealed class KnotSecondaryTests(ITestOutputHelper output)
{
    private static string? Find(string tool) =>
        new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" }.Concat(Environment.GetEnvironmentVariable("PATH")?.Split(':') ?? [])
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    [ToolFact("knotd", "knot")]
    public async Task Knotd_follows_our_notify_with_an_incremental_transfer()
    {
        if (Find("knotd") is not { } knotd || Find("kdig") is not { } kdig)
        {
            output.WriteLine("SKIPPED: knotd or kdig is not installed (apt-get install knot knot-dnsutils)");
            return;
        }
        string dir = Directory.CreateTempSubdirectory("islet-knot-").FullName;
        var notifier = new NotifySender(new NotifySenderOptions { InitialInterval = TimeSpan.FromSeconds(1), MaxAttempts = 5 });
        await using var primary = new TestPrimary(Make(1, 10), new ZoneJournal(Origin), notifier);
        int port = FreePort();
        primary.SetTargets([new IPEndPoint(IPAddress.Loopback, port)]);
        File.WriteAllText(Path.Combine(dir, "knot.conf"), $"""
            server:
                rundir: "{dir}"
                listen: 127.0.0.1@{port}
            database:
                storage: "{dir}"
            log:
              - target: stdout
                any: info
            remote:
              - id: primary
                address: 127.0.0.1@{primary.Port}
            acl:
              - id: from_primary
                address: 127.0.0.1
                action: notify
            template:
              - id: default
                storage: "{dir}"
            zone:
              - domain: example.com.
                master: primary
                acl: from_primary
            """);
        var log = new StringBuilder();
        using Process knot = Process.Start(new ProcessStartInfo(knotd, ["-c", Path.Combine(dir, "knot.conf")]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        knot.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        knot.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        knot.BeginOutputReadLine();
        knot.BeginErrorReadLine();
        try
        {
            await Until(async () => await Serial(kdig, port) == 1, "knotd loads serial 1", log);
            Assert.Equal("10.0.0.9", await Short(kdig, port, "h9.example.com.", "A"));

            primary.Update(Make(2, 12, "www TXT \"v2\""));
            await Until(async () => await Serial(kdig, port) == 2, "knotd follows the NOTIFY to serial 2", log);
            Assert.Equal("10.0.0.11", await Short(kdig, port, "h11.example.com.", "A"));
            Assert.Equal(["\"hello world\"", "\"v2\""], (await Short(kdig, port, "www.example.com.", "TXT")).Split('\n').Order());
            await Until(() => Task.FromResult(notifier.OutstandingCount == 0), "knotd answers the NOTIFY", log);
            Assert.Equal(0, notifier.GivenUp);
            lock (primary.Transfers)
            {
                output.WriteLine($"transfers served: {string.Join(", ", primary.Transfers)}");
                Assert.Equal(ZoneTransferKind.Full, primary.Transfers[0]);
                Assert.Contains(ZoneTransferKind.Incremental, primary.Transfers);
            }
        }
        finally
        {
            knot.Kill();
            await knot.WaitForExitAsync();
            lock (log)
                output.WriteLine(log.ToString());
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after 30 s (a deadline for a
    /// hung peer, not a performance bound).</summary>
    private static async Task Until(Func<Task<bool>> condition, string what, StringBuilder log)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                lock (log)
                    Assert.Fail($"gave up waiting until {what}\n{log}");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<uint?> Serial(string kdig, int port)
    {
        string[] fields = (await Short(kdig, port, "example.com.", "SOA")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 7 && uint.TryParse(fields[2], CultureInfo.InvariantCulture, out uint serial) ? serial : null;
    }

    private static async Task<string> Short(string kdig, int port, string name, string type)
    {
        var start = new ProcessStartInfo(kdig, ["@127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "+short", "+time=1", "+retry=0", name, type])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        string text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text.Trim();
    }
}
