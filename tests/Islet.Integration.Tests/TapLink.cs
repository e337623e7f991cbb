using System.Diagnostics;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests;

/// <summary>The host side of a launcher's TAP device in a test's namespace: waits for the device, addresses it and brings it up.</summary>
internal static class TapLink
{
    /// <summary>
    /// Waits until <paramref name="server"/> (a spt or hvt launcher started with --net tap:DEVICE in
    /// <paramref name="ns"/>) has created <paramref name="device"/>, gives it <paramref name="hostAddress"/>
    /// and, after <paramref name="downFor"/> with the link down (the image's frames are then dropped, not fatal), brings it up.
    /// </summary>
    public static void BringUp(NetworkNamespace ns, Process server, string device, string hostAddress, TimeSpan downFor)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (ns.TryExec(TimeSpan.FromSeconds(5), "ip", "link", "show", device).ExitCode != 0)
        {
            if (server.HasExited) Assert.Fail($"the launcher exited ({server.ExitCode}): {server.StandardOutput.ReadToEnd()} {server.StandardError.ReadToEnd()}");
            Assert.True(DateTime.UtcNow < deadline, $"the launcher did not create {device}");
            Thread.Sleep(50);
        }
        ns.Exec("ip", "addr", "add", hostAddress, "dev", device);
        Thread.Sleep(downFor);
        Assert.False(server.HasExited, $"the image died while its TAP link {device} was down");
        ns.Exec("ip", "link", "set", device, "up");
    }

    /// <summary>GET / from inside the namespace, retried while the image boots; the status code.</summary>
    public static string Get(NetworkNamespace ns, string url) =>
        ns.TryExec(TimeSpan.FromSeconds(40), "curl", "--silent", "--retry", "20", "--retry-connrefused", "--retry-delay", "1",
            "--max-time", "30", "-o", "/dev/null", "-w", "%{http_code}", url).Stdout;
}
