using System.Text;
using Islet.Integration.Tests.Spt;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Hvt;

/// <summary>
/// Devices through the monitor other than user networking: a block device backed by a host file,
/// and www on a TAP device in a network namespace the test creates. Also: the monitor confines
/// itself with its own seccomp filter once the VM runs.
/// </summary>
[Collection("spt")]
public sealed class HvtDeviceTests(SptFixture fixture)
{
    [KvmFact]
    public void The_block_device_reads_and_writes_the_host_file()
    {
        string disk = fixture.Scratch($"disk-{Guid.NewGuid():N}.img");
        var sectors = new byte[8 * 512];
        Encoding.ASCII.GetBytes("hello sector").CopyTo(sectors, 512);
        File.WriteAllBytes(disk, sectors);
        var result = ProcessRunner.Run(fixture.HvtLauncher, [fixture.ProbeImage, "--block", $"data={disk}", "--quiet", "--", "block"], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("block: 8 sectors; sector 1 starts 'hello sector'", result.Stdout);
        Assert.Contains("block: flushed", result.Stdout);
        Assert.Equal("written by the image", Encoding.ASCII.GetString(File.ReadAllBytes(disk), 1024, 20));
    }

    [KvmFact(Tool = "strace")]
    public void A_block_device_flush_is_an_fdatasync_of_the_host_file_by_the_monitor() =>
        // The guest's fdatasync never reaches the host kernel itself: the monitor makes it on the host file.
        FlushTrace.AssertTheFlushIsAnFdatasync(fixture, fixture.HvtLauncher);

    [KvmFact]
    public void Guid_NewGuid_gets_secure_random_bytes_inside_the_vm()
    {
        string disk = fixture.Scratch($"disk-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(disk, new byte[8 * 512]);
        var result = ProcessRunner.Run(fixture.HvtLauncher, [fixture.ProbeImage, "--block", $"data={disk}", "--quiet", "--", "random"], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        RandomProbe.AssertTwoDistinctVersion4Guids(result.Stdout);
    }

    [KvmFact]
    public void The_monitor_runs_under_its_own_seccomp_filter()
    {
        int port = Ports.Free();
        var start = new System.Diagnostics.ProcessStartInfo(fixture.HvtLauncher) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { fixture.WwwImage, "-p", $"127.0.0.1:{port}:80" }) start.ArgumentList.Add(a);
        using var server = System.Diagnostics.Process.Start(start)!;
        var stdout = server.StandardOutput.ReadToEndAsync();
        try
        {
            Ports.WaitUntilListening(port, TimeSpan.FromSeconds(30), () => !server.HasExited);
            Assert.Equal("200", ProcessRunner.Run("curl", ["--silent", "--max-time", "30", "-o", "/dev/null", "-w", "%{http_code}", $"http://127.0.0.1:{port}/"], TimeSpan.FromSeconds(40)).Stdout);
            // Mode 2: a filter. Every thread has it (TSYNC), the vCPU threads included.
            foreach (string task in Directory.GetDirectories($"/proc/{server.Id}/task"))
            {
                string status = File.ReadAllText(Path.Combine(task, "status"));
                Assert.Contains("Seccomp:\t2", status);
            }
        }
        finally
        {
            server.Kill();
            server.WaitForExit(10_000);
        }
        Assert.Contains("launcher confined by a", stdout.Result);
    }

    [NetworkNamespaceFact]
    public void Www_under_hvt_serves_curl_on_a_tap_device()
    {
        if (!KvmFactAttribute.IsAvailable(out string reason))
        {
            Console.WriteLine($"SKIPPED: {reason}");
            return;
        }
        using var ns = new NetworkNamespace();
        var server = ns.Start(fixture.HvtLauncher, fixture.WwwImage, "--net", "tap:hvt0", "--", "--islet-ip", "10.92.0.2/24");
        try
        {
            TapLink.BringUp(ns, server, "hvt0", "10.92.0.1/24", TimeSpan.FromMilliseconds(300));
            Assert.Equal("200", TapLink.Get(ns, "http://10.92.0.2/"));
        }
        finally
        {
            server.Kill();
            server.WaitForExit(10_000);
        }
    }
}
