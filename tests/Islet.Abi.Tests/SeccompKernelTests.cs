using Xunit.Abstractions;

namespace Islet.Abi.Tests;

/// <summary>The compiled filter installed in the real kernel answers as the table says.</summary>
public class SeccompKernelTests(ITestOutputHelper output)
{
    [Fact]
    public void Kernel_answers_forbidden_calls_as_the_table_says()
    {
        using SeccompProbe? probe = SeccompProbe.TryBuild(out string reason);
        if (probe is null)
        {
            output.WriteLine("SKIPPED: " + reason);
            return;
        }
        (int exit, string text) = probe.RunUnderFilter(["probe"], devices: 0, TimeSpan.FromSeconds(30));
        output.WriteLine(text);
        Assert.Equal(0, exit);
        var results = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => (Result: long.Parse(f[1]), Errno: int.Parse(f[2])));
        Assert.Equal((-1, 38), results["socket"]);
        Assert.Equal((-1, 2), results["open"]);
        Assert.Equal((-1, 2), results["openat"]);
        Assert.Equal((-1, 38), results["execve"]);
        Assert.Equal((-1, 1), results["execveat_other_fd"]);
        Assert.Equal((-1, 38), results["ptrace"]);
        Assert.Equal((0, 0), results["getpid_same"]);
        Assert.Equal((-1, 1), results["mmap_exec"]);
        Assert.Equal((0, 0), results["mmap_rw"]);
        Assert.Equal((-1, 1), results["mprotect_exec"]);
        Assert.Equal((-1, 22), results["dup_fcntl"]);
        Assert.Equal((-1, 38), results["dup"]);
        Assert.Equal((-1, 1), results["close_console"]);
        Assert.Equal((-1, 1), results["prlimit_set"]);
        Assert.Equal((-1, 38), results["kill_parent"]);
        Assert.Equal((0, 0), results["write_console"]);
        Assert.Equal((0, 0), results["fstat_console"]);
        Assert.Equal((-1, 1), results["fork_clone"]);
        Assert.Equal((-1, 38), results["clone3"]);
        Assert.Equal((-1, 1), results["tgkill_other"]);
        Assert.Equal((0, 0), results["tgkill_self"]);
    }

    /// <summary>
    /// Runs a prebuilt static NativeAOT image under the filter, exec'd as spt will, if
    /// ISLET_ABI_TEST_IMAGE names one (building one here would take a minute); the image
    /// must exit 0.
    /// </summary>
    [Fact]
    public void Static_nativeaot_image_runs_under_the_filter()
    {
        string? image = Environment.GetEnvironmentVariable("ISLET_ABI_TEST_IMAGE");
        if (string.IsNullOrEmpty(image))
        {
            output.WriteLine("SKIPPED: set ISLET_ABI_TEST_IMAGE to a static NativeAOT image to run it under the filter.");
            return;
        }
        using SeccompProbe? probe = SeccompProbe.TryBuild(out string reason);
        if (probe is null)
        {
            output.WriteLine("SKIPPED: " + reason);
            return;
        }
        (int exit, string text) = probe.RunUnderFilter(["exec", image], devices: 0, TimeSpan.FromSeconds(60));
        output.WriteLine(text);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void Kernel_answers_the_launchers_own_filter_as_the_policy_says()
    {
        using SeccompProbe? probe = SeccompProbe.TryBuild(out string reason);
        if (probe is null)
        {
            output.WriteLine("SKIPPED: " + reason);
            return;
        }
        string scratch = ExternalTool.TempDirectory("islet-launcher-filter-");
        try
        {
            (int exit, string text) = probe.RunUnderFilter(["launcher", scratch], _ => Islet.Abi.Seccomp.LauncherFilter.Compile(new()), TimeSpan.FromSeconds(30));
            output.WriteLine(text);
            Assert.Equal(0, exit);
            var results = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' '))
                .ToDictionary(f => f[0], f => (Result: long.Parse(f[1]), Errno: int.Parse(f[2])));
            Assert.Equal((-1, 1), results["execve"]);
            Assert.Equal((-1, 1), results["fork_clone"]);
            Assert.Equal((-1, 1), results["fork_glibc"]);
            Assert.Equal((-1, 38), results["clone3"]);
            Assert.Equal((0, 0), results["pthread_create"]);
            Assert.Equal((0, 0), results["open_rdonly_read"]);
            Assert.Equal((0, 0), results["openat_rdonly"]);
            Assert.Equal((-1, 1), results["open_creat"]);
            Assert.Equal((-1, 1), results["openat_rdwr"]);
            Assert.Equal((-1, 1), results["fopen_append"]);
            Assert.Equal((-1, 1), results["mkdir"]);
            Assert.Equal((-1, 1), results["unlink"]);
            Assert.Equal((0, 0), results["socket_unix"]);
            Assert.Equal((-1, 1), results["socket_inet"]);
            Assert.Equal((-1, 1), results["ptrace"]);
            Assert.Equal((-1, 1), results["setuid"]);
            Assert.Equal((0, 0), results["getpid"]);
            Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
