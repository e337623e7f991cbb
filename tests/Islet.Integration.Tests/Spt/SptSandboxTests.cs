using System.Text;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Spt;

/// <summary>
/// What the spt sandbox allows and refuses, shown by the sandbox probe image: every forbidden
/// call is answered with an errno (nothing is killed: the Islet ABI answers ENOSYS outside the
/// table and ENOENT for paths), nothing leaks, and missing devices stop the start.
/// </summary>
[Collection("spt")]
public sealed class SptSandboxTests(SptFixture fixture)
{
    [Fact]
    public void ForbiddenCallsAreRefusedAndNothingLeaks()
    {
        var result = RunProbe(["--block", $"data={NewDisk()}", "--quiet"], "escape");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var lines = result.Stdout.Split('\n');
        Assert.Contains("open /etc/passwd: -1 errno 2; bytes read 0", lines);   // ENOENT: the host's file is not there
        Assert.Contains("socket AF_INET: -1 errno 38", lines);                  // ENOSYS
        Assert.Contains("execve /bin/sh: -1 errno 38", lines);
        Assert.Contains("ptrace TRACEME: -1 errno 38", lines);
        Assert.Contains("dup 1: -1 errno 38", lines);                            // no call creates a descriptor
        Assert.Contains("kill launcher: -1 errno 38", lines);
        Assert.Contains("open descriptors: 1,2,3,4", lines);                     // console, net, data; no fd 0, no image fd 1023
        Assert.Contains("environment variables: 0", lines);
    }

    [Fact]
    public void TheBlockDeviceReadsAndWritesTheHostFile()
    {
        string disk = NewDisk();
        var result = RunProbe(["--block", $"data={disk}", "--quiet"], "block");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("block: 8 sectors; sector 1 starts 'hello sector'", result.Stdout);
        Assert.Contains("block: flushed", result.Stdout);
        byte[] bytes = File.ReadAllBytes(disk);
        Assert.Equal("written by the image", Encoding.ASCII.GetString(bytes, 1024, 20));
    }

    [ToolFact("strace", "strace")]
    public void A_block_device_flush_is_an_fdatasync_of_the_host_file() =>
        // The sealed image itself makes the call, on its block device's fd.
        FlushTrace.AssertTheFlushIsAnFdatasync(fixture, fixture.Launcher);

    [Fact]
    public void TheLauncherRefusesAnImageWhoseBlockDeviceIsNotAttached()
    {
        var result = RunProbe(["--quiet"], "escape");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("declares block device 'data'; attach a file with --block data=FILE", result.Stderr);
    }

    [Fact]
    public void TheImageRefusesToStartWithoutItsDevices()
    {
        // Started without the launcher, with only the console: fd 3 and up are closed.
        var result = ProcessRunner.Run("sh", ["-c", "exec 3>&- 4>&- 5>&-; exec \"$0\"", fixture.ProbeImage], TimeSpan.FromSeconds(30));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("this image needs the network device 'net' on fd 3, and it is not attached", result.Stderr);
    }

    [Fact]
    public void Guid_NewGuid_gets_secure_random_bytes_inside_the_sandbox()
    {
        var result = RunProbe(["--block", $"data={NewDisk()}", "--quiet"], "random");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        RandomProbe.AssertTwoDistinctVersion4Guids(result.Stdout);
    }

    private ProcessRunner.Result RunProbe(string[] launcherArguments, string mode) =>
        ProcessRunner.Run(fixture.Launcher, [fixture.ProbeImage, .. launcherArguments, "--", mode], TimeSpan.FromSeconds(60));

    private string NewDisk()
    {
        string path = fixture.Scratch($"disk-{Guid.NewGuid():N}.img");
        var bytes = new byte[8 * 512];
        Encoding.ASCII.GetBytes("hello sector").CopyTo(bytes, 512);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
