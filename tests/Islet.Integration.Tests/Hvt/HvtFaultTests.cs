using System.Text.RegularExpressions;
using Islet.Integration.Tests.Spt;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Hvt;

/// <summary>
/// The sandbox probe's modes under the monitor, with the answers spt gives (the kernel there is
/// the oracle): the same escape attempts fail the same way; calls outside the ABI answer ENOSYS
/// and the monitor names each once; wild pointers give EFAULT; a wild jump ends the VM with a
/// report of the registers and a symbolised stack; memory beyond the budget is refused and the
/// monitor's own memory stays bounded; 100,000 random system calls neither crash nor hang it.
/// </summary>
[Collection("spt")]
public sealed partial class HvtFaultTests(SptFixture fixture)
{
    private static readonly string[] WildPointers = ["0x1", "0xdead0000", "0x7ffffffff000", "0xffff800000000000"];

    [KvmFact]
    public void Escape_attempts_fail_as_under_spt()
    {
        var hvt = Run(fixture.HvtLauncher, "escape");
        var spt = Run(fixture.Launcher, "escape");
        Assert.True(hvt.ExitCode == 0, hvt.Stdout + hvt.Stderr);
        Assert.Equal(spt.Stdout, hvt.Stdout);
        Assert.Contains("open descriptors: 1,2,3,4", hvt.Stdout);
    }

    [KvmFact]
    public void Calls_outside_the_abi_answer_enosys_and_are_reported_once_by_name()
    {
        var result = Run(fixture.HvtLauncher, "enosys");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal(["enosys: 41 -> -1 errno 38", "enosys: 462 -> -1 errno 38", "enosys: 999 -> -1 errno 38"], Lines(result.Stdout));
        Assert.Single(Regex.Matches(result.Stderr, @"called socket \(41\), which is outside the Islet ABI: answered ENOSYS"));
        Assert.Contains("called syscall_999 (999)", result.Stderr);
    }

    [KvmFact]
    public void Wild_pointers_answer_efault()
    {
        var result = Run(fixture.HvtLauncher, "efault");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var lines = Lines(result.Stdout);
        foreach (string p in WildPointers)
        {
            Assert.Contains($"efault: write {p} -> -1 errno 14", lines);
            Assert.Contains($"efault: clock_gettime {p} -> -1 errno 14", lines);
            Assert.Contains($"efault: futex {p} -> -1 errno {(p == "0x1" ? 22 : 14)}", lines);
        }
    }

    [KvmFact]
    public void A_wild_jump_ends_the_vm_with_a_report_of_registers_and_stack()
    {
        var result = Run(fixture.HvtLauncher, "crash");
        Assert.True(result.ExitCode == 128 + 11, $"exit {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        Assert.Equal(["crash: calling 0xdead0000"], Lines(result.Stdout));
        Assert.Contains("the guest crashed: signal 11 (code 1, address 0xdead0000) from CPU exception 14", result.Stderr);
        Assert.Matches(@"rip 0xdead0000", result.Stderr);
        Assert.Matches(@"rsp 0x[0-9a-f]{16}", result.Stderr);
        Assert.Matches(@"cr2 0x00000000dead0000", result.Stderr);
        // The stack is symbolised from the image's .dbg file: the probe's own method is on it.
        Assert.Matches(@"#1 0x[0-9a-f]+ sandbox_probe_Program\S*\+0x[0-9a-f]+", result.Stderr);
    }

    [KvmFact]
    public void Memory_beyond_the_budget_is_refused_and_the_monitor_stays_bounded()
    {
        var result = Run(fixture.HvtLauncher, "oom", "--mem", "32M", "--stats");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        // A writable mapping larger than the budget is refused, as Linux's heuristic overcommit refuses one larger than RAM.
        Assert.Equal("oom: mmap 1099511627776 -> -1 errno 12", Lines(result.Stdout)[0]);
        Assert.Matches(@"oom: managed OutOfMemoryException after \d+ MiB", result.Stdout);
        var stats = MemoryStats().Match(result.Stdout + result.Stderr);
        Assert.True(stats.Success, result.Stdout + result.Stderr);
        Assert.True(double.Parse(stats.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= 32.0, stats.Value);
        // The monitor is a .NET process (about 60 MiB of its own) plus at most the guest's budget and tables.
        Assert.InRange(int.Parse(stats.Groups[2].Value), 1, 32 + 160);
    }

    [KvmFact]
    public void Touching_more_than_the_budget_ends_the_guest_with_an_out_of_memory_report()
    {
        // The GC's hard limit is baked into the image (48 MiB); with a 16 MiB budget the guest
        // writes more than it has, and the monitor ends it as Linux's OOM killer would.
        var result = Run(fixture.HvtLauncher, "touch", "--mem", "16M");
        Assert.True(result.ExitCode == 128 + 9, $"exit {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        Assert.Contains("out of memory: the guest touched more than its 16 MiB", result.Stderr);
        Assert.DoesNotContain("touch:", result.Stdout);
        var enough = Run(fixture.HvtLauncher, "touch", "--mem", "64M");
        Assert.True(enough.ExitCode == 0, enough.Stdout + enough.Stderr);
        Assert.Contains("touch: 32 MiB", enough.Stdout);
    }

    [KvmFact]
    public void A_hundred_thousand_random_system_calls_neither_crash_nor_hang_the_monitor()
    {
        var result = Run(fixture.HvtLauncher, "fuzz");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr.Split('\n').Take(40).Aggregate("", (a, l) => a + l + "\n"));
        var summary = FuzzSummary().Match(result.Stdout);
        Assert.True(summary.Success, result.Stdout);
        long[] counts = [.. Enumerable.Range(1, 4).Select(g => long.Parse(summary.Groups[g].Value))];
        Assert.Equal(100_000, counts.Sum());
        Assert.All(counts, c => Assert.True(c > 0, summary.Value));
        Assert.Contains("no more are reported", result.Stderr);
    }

    private ProcessRunner.Result Run(string launcher, string mode, params string[] launcherOptions) =>
        ProcessRunner.Run(launcher, [fixture.ProbeImage, "--block", $"data={NewDisk()}", "--quiet", .. launcherOptions, "--", mode, .. ModeArguments(mode)], TimeSpan.FromSeconds(120));

    private static string[] ModeArguments(string mode) => mode switch
    {
        "fuzz" => ["100000", "1"],
        "touch" => ["32"],
        _ => [],
    };

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("islet:", StringComparison.Ordinal)).ToArray();

    private string NewDisk()
    {
        string path = fixture.Scratch($"disk-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(path, new byte[8 * 512]);
        return path;
    }

    [GeneratedRegex(@"guest memory: (\d+\.\d) MiB at peak of \d+\.\d MiB; monitor peak RSS (\d+) MiB")]
    private static partial Regex MemoryStats();

    [GeneratedRegex(@"fuzz: 100000 calls, \d+ distinct numbers, results: ok=(\d+) enosys=(\d+) efault=(\d+) other=(\d+)")]
    private static partial Regex FuzzSummary();
}
