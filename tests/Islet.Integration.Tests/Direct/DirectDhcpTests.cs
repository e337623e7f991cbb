using System.Diagnostics;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Direct;

/// <summary>The direct target's DHCP client against a real DHCP server (dnsmasq), in a namespace of its own.</summary>
[Collection("direct")]
public sealed class DirectDhcpTests(DirectFixture direct)
{
    [NetworkNamespaceFact]
    public void Www_leases_an_address_from_dnsmasq_and_serves_on_it()
    {
        using var ns = new NetworkNamespace();
        ns.Exec("ip", "link", "set", "lo", "up");
        ns.Exec("ip", "tuntap", "add", "dev", "islet0", "mode", "tap");
        ns.Exec("ip", "addr", "add", "10.79.0.1/24", "dev", "islet0");
        ns.Exec("ip", "link", "set", "islet0", "up");
        string leases = Path.Combine(direct.Work, "dhcp.leases");
        using var dnsmasq = ns.Start("dnsmasq", "--no-daemon", "--port=0", "--interface=islet0", "--bind-interfaces",
            "--dhcp-range=10.79.0.50,10.79.0.60,1h", $"--dhcp-leasefile={leases}", "--dhcp-authoritative");
        using var www = ns.Start(direct.WwwImage, "--islet-net", "tap:islet0", "--islet-ip", "dhcp", "--islet-quiet");
        try
        {
            string? address = null;
            for (int i = 0; i < 100 && address is null; i++)
            {
                if (File.Exists(leases) && File.ReadAllText(leases).Split(' ', '\n') is { Length: > 3 } fields && fields[2].StartsWith("10.79.0.", StringComparison.Ordinal))
                    address = fields[2];
                else Thread.Sleep(100);
            }
            Assert.True(address is not null, "dnsmasq handed out no lease within 10 s");
            var ping = ns.TryExec(TimeSpan.FromSeconds(15), "ping", "-c", "2", "-W", "2", address!);
            Assert.True(ping.ExitCode == 0, ping.Stdout + ping.Stderr);
            var curl = ns.TryExec(TimeSpan.FromSeconds(30), "curl", "-s", "--max-time", "20", $"http://{address}/robots.txt");
            Assert.Equal(File.ReadAllText(Path.Combine(direct.SiteDirectory, "robots.txt")), curl.Stdout);
        }
        finally
        {
            Stop(www);
            Stop(dnsmasq);
        }
    }

    private static void Stop(Process process)
    {
        if (process.HasExited) return;
        process.Kill();
        process.WaitForExit(5_000);
    }
}
