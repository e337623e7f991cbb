using System.Runtime.InteropServices;
using Islet.Devices;

namespace Islet.Tests.Apps.SandboxProbe;

/// <summary>
/// The probe's fault modes: calls outside the ABI (<c>enosys</c>), wild pointers handed to the
/// kernel (<c>efault</c>), a crash no runtime handler recovers from (<c>crash</c>) and memory
/// beyond the image's limit (<c>oom</c>). Each prints one line per attempt for the tests (spt
/// now, the hvt monitor's tests later) to read.
/// </summary>
internal static unsafe class FaultProbes
{
    public const long SysWrite = 1;
    public const long SysMmap = 9;
    public const long SysMunmap = 11;
    public const long SysSocket = 41;
    public const long SysFutex = 202;
    public const long SysClockGettime = 228;
    public const long FutexWake = 1;
    public const long ClockMonotonic = 1;

    /// <summary>Pointers nothing is mapped at: page zero, an unmapped user page, the last user page, the kernel half.</summary>
    public static readonly ulong[] WildPointers = [0x1, 0xdead0000, 0x7fff_ffff_f000, 0xffff_8000_0000_0000];

    /// <summary>
    /// Numbers outside the ABI table: socket, mseal (a Linux call newer than the table) and one past
    /// every Linux call. Not a number in Linux's gaps: some hosts take 335 and 336 before seccomp
    /// sees them (see <see cref="SyscallFuzzer"/>).
    /// </summary>
    public static void Enosys(IConsole console)
    {
        foreach (long nr in (long[])[SysSocket, 462, 999])
        {
            long ret = nr == SysSocket ? Forbidden.syscall(nr, 2, 1, 0, 0, 0, 0) : Forbidden.syscall(nr, 0, 0, 0, 0, 0, 0);
            console.WriteLine($"enosys: {nr} -> {ret} errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>
    /// write(1, p, 16), futex(p, FUTEX_WAKE, 1) and clock_gettime(CLOCK_MONOTONIC, p) for every wild
    /// pointer. Linux answers EFAULT, except futex on 0x1: it checks the word's alignment first (EINVAL).
    /// </summary>
    public static void Efault(IConsole console)
    {
        foreach (ulong p in WildPointers)
        {
            long ret = Forbidden.syscall(SysWrite, 1, (long)p, 16, 0, 0, 0);
            console.WriteLine($"efault: write 0x{p:x} -> {ret} errno {Marshal.GetLastPInvokeError()}");
            ret = Forbidden.syscall(SysFutex, (long)p, FutexWake, 1, 0, 0, 0);
            console.WriteLine($"efault: futex 0x{p:x} -> {ret} errno {Marshal.GetLastPInvokeError()}");
            ret = Forbidden.syscall(SysClockGettime, ClockMonotonic, (long)p, 0, 0, 0, 0);
            console.WriteLine($"efault: clock_gettime 0x{p:x} -> {ret} errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Calls code at an unmapped address: the fault is outside managed code, so the image dies of SIGSEGV.</summary>
    public static void Crash(IConsole console)
    {
        console.WriteLine("crash: calling 0xdead0000");
        ((delegate* unmanaged<void>)0xdead0000)();
        console.WriteLine("crash: survived");
    }

    /// <summary>
    /// A 1 TiB anonymous mapping with commit accounting (no MAP_NORESERVE), then managed arrays until
    /// the GC's hard limit answers OutOfMemoryException.
    /// </summary>
    public static void Oom(IConsole console)
    {
        const long size = 1L << 40;
        const long protReadWrite = 0x3, mapPrivateAnonymous = 0x22;
        long ret = Forbidden.syscall(SysMmap, 0, size, protReadWrite, mapPrivateAnonymous, -1, 0);
        console.WriteLine($"oom: mmap {size} -> {ret} errno {(ret == -1 ? Marshal.GetLastPInvokeError() : 0)}");
        if (ret != -1) Forbidden.syscall(SysMunmap, ret, size, 0, 0, 0, 0);

        var held = new List<byte[]>();
        int mebibytes = 0;
        try
        {
            while (true)
            {
                var chunk = new byte[1 << 20];
                chunk[0] = 1;
                held.Add(chunk);
                mebibytes++;
            }
        }
        catch (OutOfMemoryException)
        {
            held.Clear();
        }
        GC.Collect();
        console.WriteLine($"oom: managed OutOfMemoryException after {mebibytes} MiB");
    }

    /// <summary>
    /// Writes every page of <paramref name="mebibytes"/> MiB of managed arrays and keeps them, then
    /// prints <c>touch: N MiB</c>: with less guest memory than that, the monitor must end the image
    /// (the GC's own limit is higher).
    /// </summary>
    public static void Touch(IConsole console, int mebibytes)
    {
        var held = new List<byte[]>();
        for (int i = 0; i < mebibytes; i++)
        {
            var chunk = new byte[1 << 20];
            for (int page = 0; page < chunk.Length; page += 4096) chunk[page] = 1;
            held.Add(chunk);
        }
        console.WriteLine($"touch: {held.Count} MiB");
    }
}
