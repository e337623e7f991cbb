using System.Text.RegularExpressions;

namespace Islet.Integration.Tests.Spt;

/// <summary>
/// The sandbox probe's fault modes under spt, which the hvt monitor's tests will run too: calls
/// outside the ABI answer ENOSYS, wild pointers EFAULT, a wild jump ends the image by SIGSEGV
/// (reported by the launcher as 128 + 11), memory beyond the limit is refused, and 100,000
/// random system calls neither hang nor end the image.
/// </summary>
[Collection("spt")]
public sealed partial class SptFaultTests(SptFixture fixture)
{
    private static readonly string[] WildPointers = ["0x1", "0xdead0000", "0x7ffffffff000", "0xffff800000000000"];

    [Fact]
    public void Calls_outside_the_abi_answer_enosys()
    {
        var result = RunProbe("enosys");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("enosys: 41 -> -1 errno 38", Lines(result));     // socket
        Assert.Contains("enosys: 462 -> -1 errno 38", Lines(result));    // mseal, newer than the table
        Assert.Contains("enosys: 999 -> -1 errno 38", Lines(result));
    }

    [Fact]
    public void Wild_pointers_answer_efault()
    {
        var result = RunProbe("efault");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var lines = Lines(result);
        foreach (string p in WildPointers)
        {
            Assert.Contains($"efault: write {p} -> -1 errno 14", lines);
            Assert.Contains($"efault: clock_gettime {p} -> -1 errno 14", lines);
            // Linux checks a futex word's alignment before its address: 0x1 is EINVAL.
            Assert.Contains($"efault: futex {p} -> -1 errno {(p == "0x1" ? 22 : 14)}", lines);
        }
    }

    [Fact]
    public void A_wild_jump_ends_the_image_by_sigsegv()
    {
        var result = RunProbe("crash");
        Assert.True(result.ExitCode == 128 + 11, $"exit {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        Assert.Equal(["crash: calling 0xdead0000"], Lines(result));
    }

    [Fact]
    public void Memory_beyond_the_limit_is_refused()
    {
        var result = RunProbe("oom");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        // spt sets no RLIMIT_AS: the host's overcommit policy answers. Under the heuristic (0)
        // or strict (2) policy 1 TiB beyond RAM and swap is ENOMEM; under "always" (1) it maps.
        bool overcommitAlways = File.ReadAllText("/proc/sys/vm/overcommit_memory").Trim() == "1";
        if (overcommitAlways) Assert.Matches(@"^oom: mmap 1099511627776 -> \d+ errno 0$", Lines(result)[0]);
        else Assert.Equal("oom: mmap 1099511627776 -> -1 errno 12", Lines(result)[0]);
        // The GC's hard limit is 75% of IsletMemory (64 MiB): 48 MiB, less what is already used.
        var managed = ManagedOom().Match(result.Stdout);
        Assert.True(managed.Success, result.Stdout);
        Assert.InRange(int.Parse(managed.Groups[1].Value), 16, 48);
    }

    [Fact]
    public void A_hundred_thousand_random_system_calls_neither_hang_nor_end_the_image()
    {
        var result = RunProbe("fuzz", "100000", "1");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var lines = Lines(result);
        Assert.Equal(10, lines.Count(l => l.StartsWith("fuzz: progress ", StringComparison.Ordinal)));
        var summary = FuzzSummary().Match(result.Stdout);
        Assert.True(summary.Success, result.Stdout);
        long[] counts = [.. Enumerable.Range(1, 4).Select(g => long.Parse(summary.Groups[g].Value))];
        Assert.Equal(100_000, counts.Sum());
        Assert.All(counts, c => Assert.True(c > 0, summary.Value));   // every kind of answer came up
    }

    private ProcessRunner.Result RunProbe(params string[] arguments) =>
        ProcessRunner.Run(fixture.Launcher, [fixture.ProbeImage, "--block", $"data={NewDisk()}", "--quiet", "--", .. arguments], TimeSpan.FromSeconds(120));

    private static string[] Lines(ProcessRunner.Result result) => result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private string NewDisk()
    {
        string path = fixture.Scratch($"disk-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(path, new byte[8 * 512]);
        return path;
    }

    [GeneratedRegex(@"oom: managed OutOfMemoryException after (\d+) MiB")]
    private static partial Regex ManagedOom();

    [GeneratedRegex(@"fuzz: 100000 calls, \d+ distinct numbers, results: ok=(\d+) enosys=(\d+) efault=(\d+) other=(\d+)")]
    private static partial Regex FuzzSummary();
}
