using Islet.Integration.Tests.Spt;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Hvt;

/// <summary>
/// The .NET runtime's hard parts in the virtual machine: four threads as vCPUs, futexes as host
/// waits, 1 GiB allocated under the GC (which suspends threads with signals delivered as frames on
/// the guest stack), finalizers, and a null dereference's page fault and an integer division's #DE
/// turned into SIGSEGV and SIGFPE and then into managed exceptions. The output must equal the unix
/// target's and spt's, over several runs.
/// </summary>
[Collection("spt")]
public sealed class HvtRuntimeTests(SptFixture fixture)
{
    [KvmFact]
    public void Gc_stress_gives_the_same_output_under_hvt_spt_and_a_normal_process()
    {
        var unix = ProcessRunner.Run(fixture.GcStressUnixImage, ["--islet-quiet"], TimeSpan.FromMinutes(2));
        Assert.True(unix.ExitCode == 0, unix.Stdout + unix.Stderr);
        Assert.Contains("allocated 1073741824 bytes on 4 threads", unix.Stdout);
        Assert.Contains("caught NullReferenceException", unix.Stdout);
        Assert.Contains("caught DivideByZeroException", unix.Stdout);
        var spt = ProcessRunner.Run(fixture.Launcher, [fixture.GcStressImage, "--quiet"], TimeSpan.FromMinutes(2));
        Assert.True(spt.ExitCode == 0, spt.Stdout + spt.Stderr);
        Assert.Equal(unix.Stdout, spt.Stdout);
        for (int run = 0; run < 3; run++)
        {
            var hvt = ProcessRunner.Run(fixture.HvtLauncher, [fixture.GcStressImage, "--quiet", "--cpus", "2"], TimeSpan.FromMinutes(2));
            Assert.True(hvt.ExitCode == 0, $"run {run}: exit {hvt.ExitCode}\n{hvt.Stdout}{hvt.Stderr}");
            Assert.Equal(unix.Stdout, hvt.Stdout);
        }
    }

    [KvmFact]
    public void Reading_the_clock_costs_no_exit_to_the_monitor()
    {
        // --trace logs every system call that reaches the monitor. With the vDSO, clock_gettime
        // reaches it only when the guest anchors the TSC (two calls, the first time and every 2 s).
        var run = ProcessRunner.Run(fixture.HvtLauncher, [fixture.GcStressImage, "--quiet", "--trace"], TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr[..Math.Min(4000, run.Stderr.Length)]);
        Assert.Contains("vDSO at 0x", run.Stderr);
        int clockCalls = run.Stderr.Split('\n').Count(l => l.Contains("] clock_gettime(", StringComparison.Ordinal));
        Assert.InRange(clockCalls, 2, 12);
        Assert.DoesNotContain("] getcpu(", run.Stderr);
        Assert.DoesNotContain("] gettimeofday(", run.Stderr);
    }
}
