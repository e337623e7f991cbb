// The sandbox probe: `sandbox-probe escape` attempts what a sealed image must not do and
// prints one line per attempt (the call's result and errno); `sandbox-probe block` writes a
// sector of the block device "data", reads it back and flushes it (fdatasync). The fault modes (FaultProbes.cs):
// `enosys` (calls outside the ABI), `efault` (wild pointers), `crash` (dies of SIGSEGV), `oom`
// (memory beyond the limit); `fuzz COUNT SEED` issues random system calls (SyscallFuzzer.cs);
// `udp-echo PORT` echoes datagrams on UDP PORT until stopped (UdpEcho.cs); `random` prints two
// new Guids (the runtime's secure random bytes).
// The tests read these lines.
using System.Runtime.InteropServices;
using System.Text;
using Islet;
using Islet.Tests.Apps.SandboxProbe;

return await Unikernel.RunAsync(args, async context =>
{
    var console = context.Console;
    string mode = context.Arguments.Count > 0 ? context.Arguments[0] : "escape";
    if (mode == "block")
    {
        var block = context.GetBlockDevice("data");
        var sector = new byte[block.SectorSize];
        await block.ReadAsync(1, sector);
        console.WriteLine($"block: {block.SectorCount} sectors; sector 1 starts '{Encoding.ASCII.GetString(sector, 0, 12)}'");
        Encoding.ASCII.GetBytes("written by the image").CopyTo(sector, 0);
        await block.WriteAsync(2, sector);
        console.WriteLine("block: wrote sector 2");
        await block.FlushAsync();
        console.WriteLine("block: flushed");
        return;
    }
    switch (mode)
    {
        case "enosys": FaultProbes.Enosys(console); return;
        case "efault": FaultProbes.Efault(console); return;
        case "crash": FaultProbes.Crash(console); return;
        case "oom": FaultProbes.Oom(console); return;
        case "touch": FaultProbes.Touch(console, context.Arguments.Count > 1 ? int.Parse(context.Arguments[1], System.Globalization.CultureInfo.InvariantCulture) : 32); return;
        case "fuzz": SyscallFuzzer.Run(console, context.Arguments); return;
        case "random":
            // The runtime's secure random source inside the sandbox.
            console.WriteLine($"random: guid {Guid.NewGuid()} {Guid.NewGuid()}");
            return;
        case "udp-echo": await UdpEcho.RunAsync(context, context.Arguments.Count > 1 ? int.Parse(context.Arguments[1], System.Globalization.CultureInfo.InvariantCulture) : 7); return;
    }
    unsafe
    {
        int fd = Forbidden.open("/etc/passwd", 0);
        int openErrno = Marshal.GetLastPInvokeError();
        long leaked = 0;
        if (fd >= 0)
        {
            byte* buffer = stackalloc byte[256];
            leaked = Forbidden.read(fd, buffer, 256);
        }
        console.WriteLine($"open /etc/passwd: {fd} errno {openErrno}; bytes read {leaked}");
        int s = Forbidden.socket(2, 1, 0);
        console.WriteLine($"socket AF_INET: {s} errno {Marshal.GetLastPInvokeError()}");
        nint* argv = stackalloc nint[1];
        argv[0] = 0;
        int e = Forbidden.execve("/bin/sh", argv, argv);
        console.WriteLine($"execve /bin/sh: {e} errno {Marshal.GetLastPInvokeError()}");
        long p = Forbidden.ptrace(0, 0, 0, 0);
        console.WriteLine($"ptrace TRACEME: {p} errno {Marshal.GetLastPInvokeError()}");
        int d = Forbidden.dup(1);
        console.WriteLine($"dup 1: {d} errno {Marshal.GetLastPInvokeError()}");
        int k = Forbidden.kill(Forbidden.getppid(), 0);
        console.WriteLine($"kill launcher: {k} errno {Marshal.GetLastPInvokeError()}");
    }
    var open = new List<int>();
    for (int fd = 0; fd < 1100; fd++)
    {
        if (Forbidden.fcntl(fd, 1, 0) >= 0) open.Add(fd);
    }
    console.WriteLine($"open descriptors: {string.Join(",", open)}");
    console.WriteLine($"environment variables: {Environment.GetEnvironmentVariables().Count}");
    await Task.CompletedTask;
});
