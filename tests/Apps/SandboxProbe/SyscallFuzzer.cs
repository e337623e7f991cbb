using System.Runtime.InteropServices;
using Islet.Devices;

namespace Islet.Tests.Apps.SandboxProbe;

/// <summary>
/// <c>fuzz COUNT SEED</c>: COUNT raw system calls with numbers and arguments drawn from a seeded
/// <see cref="Random"/>, so a run is reproducible. The point is that the sandbox (spt's filter,
/// hvt's monitor) never crashes or hangs, not the image: calls that would kill, block or corrupt
/// the image itself are left out or constrained (see <see cref="Constrain"/>). Only for sealed
/// images: on the unix target these would be real calls on the host. The counts can differ a
/// little between runs of one seed (mapping addresses, the data device's size); the calls do not.
/// <c>fuzz COUNT SEED trace</c> prints each call before making it, to find one that hangs.
/// Pointer arguments point into a 64 KiB scratch mapped between two PROT_NONE guards rather
/// than into a managed array: a length past the end then faults instead of overwriting the GC heap.
/// </summary>
internal sealed unsafe class SyscallFuzzer
{
    private const int ScratchBytes = 64 * 1024;
    private const int GuardBytes = 1 << 20;
    private const int ArenaBytes = 1 << 20;
    private const int PageBytes = 4096;
    private const int MaxMappings = 64;
    private const long DeviceFds = 3 + 2;       // console 1, 2; devices net (3) and data (4)
    private const long BlockFd = 4;
    private const long MsgDontwait = 0x40;
    private const ulong KernelHalf = 0xffff_8000_0000_0000;

    private readonly Random _random;
    private readonly IConsole _console;
    private readonly byte* _scratch;            // 64 KiB read-write, between two 1 MiB PROT_NONE guards
    private readonly byte* _arena;              // 1 MiB only the memory calls touch (mprotect, madvise)
    private readonly long* _zeroTime;           // a zero timespec/timeval for every timeout; rezeroed before each call
    private readonly List<(long Address, long Length)> _mappings = [];
    private readonly HashSet<long> _numbers = [];
    private long _ok, _enosys, _efault, _other;

    private SyscallFuzzer(IConsole console, int seed)
    {
        _console = console;
        _random = new Random(seed);
        byte* region = (byte*)Map(2L * GuardBytes + ScratchBytes, protection: 0);
        _scratch = region + GuardBytes;
        if (Forbidden.syscall(10, (long)_scratch, ScratchBytes, 3, 0, 0, 0) != 0) throw new InvalidOperationException("mprotect of the scratch failed");
        _random.NextBytes(new Span<byte>(_scratch, ScratchBytes));
        _arena = (byte*)Map(ArenaBytes, protection: 3);
        _zeroTime = (long*)NativeMemory.AllocZeroed(64);
    }

    /// <summary>Runs the fuzz mode. Throws (the image exits 1) when the image is not sealed.</summary>
    public static void Run(IConsole console, IReadOnlyList<string> arguments)
    {
        // A sealed image starts with an empty environment (the spt stub clears it; hvt passes none).
        if (Environment.GetEnvironmentVariables().Count > 0)
        {
            throw new InvalidOperationException("fuzz: refused: the environment is not empty, so this is not a sealed image; random system calls would reach the host kernel unfiltered");
        }
        int count = arguments.Count > 1 ? int.Parse(arguments[1]) : 100_000;
        int seed = arguments.Count > 2 ? int.Parse(arguments[2]) : 1;
        bool trace = arguments.Count > 3 && arguments[3] == "trace";
        var fuzzer = new SyscallFuzzer(console, seed);
        console.WriteLine($"fuzz: seed {seed}, {count} calls");
        fuzzer.Loop(count, trace);
    }

    private void Loop(int count, bool trace)
    {
        Span<long> a = stackalloc long[6];
        for (int i = 1; i <= count; i++)
        {
            long nr;
            do
            {
                nr = NextNumber();
                // The first argument is often a descriptor and the third a length: one in four
                // first arguments is 0..5 (the console, the devices, just past them) and one in two
                // third arguments is small, so that device calls get past their checks now and then.
                for (int k = 0; k < 6; k++) a[k] = NextArgument();
                if (_random.Next(4) == 0) a[0] = _random.Next(0, 6);
                if (_random.Next(2) == 0) a[2] = _random.Next(0, 65);
            }
            while (!Constrain(nr, a));
            if (trace) _console.WriteLine($"fuzz: #{i} {nr}({a[0]:x}, {a[1]:x}, {a[2]:x}, {a[3]:x}, {a[4]:x}, {a[5]:x})");
            *(_zeroTime + 0) = 0;
            *(_zeroTime + 1) = 0;
            long ret = Forbidden.syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
            int errno = ret == -1 ? Marshal.GetLastPInvokeError() : 0;
            _numbers.Add(nr);
            if (ret != -1) _ok++;
            else if (errno == 38) _enosys++;
            else if (errno == 14) _efault++;
            else _other++;
            if (nr == 9 && ret != -1) Track(ret, a[1]);
            if (i % 10_000 == 0) _console.WriteLine($"fuzz: progress {i} calls, last {nr} -> {ret} errno {errno}");
        }
        foreach (var (address, length) in _mappings) Forbidden.syscall(11, address, length, 0, 0, 0, 0);
        _console.WriteLine($"fuzz: {count} calls, {_numbers.Count} distinct numbers, results: ok={_ok} enosys={_enosys} efault={_efault} other={_other}");
    }

    /// <summary>Linux's numbers 0..460 mostly; one in ten beyond, below the x32 bit (0x40000000), which spt answers by killing the image.</summary>
    private long NextNumber() =>
        _random.Next(10) == 0 ? _random.NextInt64(461, 0x4000_0000) : _random.Next(0, 461);

    private long NextArgument() => _random.Next(5) switch
    {
        0 => _random.Next(0, 65),
        1 => _random.NextInt64() ^ ((long)_random.Next(2) << 63),
        2 => (long)(_scratch + (_random.Next(2) == 0 ? _random.Next(ScratchBytes / 8) * 8 : _random.Next(ScratchBytes))),
        3 => (long)FaultProbes.WildPointers[_random.Next(FaultProbes.WildPointers.Length)],
        _ => -1,
    };

    private bool IsScratch(long p) => p >= (long)_scratch && p < (long)_scratch + ScratchBytes;

    /// <summary>A zero timeout in place of a missing one or one read from the scratch; wild pointers stay (EFAULT).</summary>
    private long Timeout(long p) => p == 0 || p == -1 || IsScratch(p) || (ulong)p <= 64 ? (long)_zeroTime : p;

    /// <summary>
    /// Leaves out (false: draw again) or rewrites the calls that would end, block or corrupt the image.
    /// Everything else goes to the sandbox as drawn. Under spt most of these are refused by the
    /// filter anyway; they are constrained here too so the fuzzer never depends on that.
    /// </summary>
    private bool Constrain(long nr, Span<long> a)
    {
        switch (nr)
        {
            // The image's own end, or its threads' and signal state: exit, exit_group, rt_sigreturn
            // (restores a frame of garbage), clone/fork/vfork/clone3 (a thread on a garbage stack),
            // execve/execveat, kill/tkill/tgkill/rt_sigqueueinfo/rt_tgsigqueueinfo (SIGKILL or
            // SIGSEGV to itself), rt_sigaction (a garbage handler), sigaltstack, arch_prctl (the
            // thread pointer), set_tid_address and set_robust_list (the kernel writes through them
            // at thread exit), rseq (the kernel writes the current cpu through it).
            case 60 or 231 or 15 or 56 or 57 or 58 or 435 or 59 or 322 or 62 or 200 or 234 or 129 or 297
                or 13 or 131 or 158 or 218 or 273 or 334:
            // Blocking forever whatever the arguments: pause, rt_sigsuspend; rt_sigtimedwait could
            // also take the runtime's signals.
            case 34 or 130 or 128:
            // accept/accept4 and recvmsg would wait on a device fd; outside the ABI anyway.
            case 43 or 288 or 47:
            // Unassigned in Linux, but the Firecracker (PVM) hosts these tests run on take them
            // before seccomp does: 335 raises SIGILL, 336 answers ENXIO. A host quirk, not Islet's.
            case 335 or 336:
                return false;

            // rt_sigprocmask: read the mask only (a new mask could block the GC's suspension signal).
            case 14:
                a[1] = 0;
                return true;

            // Memory: mmap never MAP_FIXED (it would replace the image's own mappings), never
            // MAP_POPULATE or MAP_LOCKED (a huge size would commit host memory); the fuzzer unmaps
            // what it mapped. munmap and mremap only on the fuzzer's mappings or the kernel half;
            // mprotect inside the arena or on the fuzzer's mappings; madvise only inside the arena
            // (MADV_POPULATE_WRITE on a large mapping would commit host memory), never
            // MADV_HWPOISON/MADV_SOFT_OFFLINE (as root they poison the page); brk only reads
            // (a lower break would free glibc's heap).
            case 9:
                a[3] &= ~(0x10L | 0x8000L | 0x2000L);
                return true;
            case 11:
                if (_mappings.Count > 0 && _random.Next(2) == 0)
                {
                    int m = _random.Next(_mappings.Count);
                    (a[0], a[1]) = _mappings[m];
                    _mappings.RemoveAt(m);
                }
                else a[0] = unchecked((long)KernelHalf);
                return true;
            case 25:
                a[0] = unchecked((long)KernelHalf);
                return true;
            case 10 or 28:
                if (nr == 10 && _mappings.Count > 0 && _random.Next(4) == 0) (a[0], a[1]) = _mappings[_random.Next(_mappings.Count)];
                else
                {
                    int first = _random.Next(ArenaBytes / PageBytes);
                    a[0] = (long)(_arena + first * PageBytes);
                    a[1] = _random.NextInt64(0, ArenaBytes - first * PageBytes + 1);
                }
                if (nr == 28 && a[2] is 100 or 101) a[2] = 0;
                return true;
            case 12:
                a[0] = 0;
                return true;

            // prctl: the thread name, or an option no kernel has (PR_SET_SECCOMP, PR_SET_TSC or
            // PR_SET_SYSCALL_USER_DISPATCH would end the image).
            case 157:
                a[0] = _random.Next(3) switch { 0 => 15, 1 => 16, _ => a[0] | long.MinValue };
                return true;
            // setrlimit, and prlimit64 but to read: RLIMIT_CPU or RLIMIT_AS set low would end the image.
            case 160:
                return false;
            case 302:
                a[2] = 0;
                return true;
            // fcntl: never F_SETFL (clearing O_NONBLOCK on the network device would block the image).
            case 72:
                if (a[1] == 4) a[1] = 3;
                return true;
            // close, dup2, dup3: never the console or the devices.
            case 3:
                if ((ulong)a[0] < (ulong)DeviceFds) a[0] += 64;
                return true;
            case 33 or 292:
                if ((ulong)a[1] < (ulong)DeviceFds) a[1] += 64;
                return true;

            // Device input must not wait: the data device (a file) instead of the network device
            // for read/readv; MSG_DONTWAIT on recvfrom/recvmmsg, with a zero recvmmsg timeout.
            case 0 or 19:
                if (a[0] == 3) a[0] = BlockFd;
                return true;
            case 45:
                a[3] |= MsgDontwait;
                return true;
            case 299:
                a[3] |= MsgDontwait;
                a[4] = Timeout(a[4]);
                return true;
            // Output: nothing on the console (the tests read it); sends never wait; writes to the
            // data device stay near its start.
            case 1 or 20:
                if (a[0] is 1 or 2) a[2] = 0;
                return true;
            case 18:
                if (a[0] is 1 or 2) a[2] = 0;
                a[3] &= 0xff_ffff;
                return true;
            case 44 or 307:
                a[3] |= MsgDontwait;
                return true;

            // Sleeps and waits: zero timeouts. futex: the waiting commands (WAIT, LOCK_PI,
            // WAIT_BITSET, WAIT_REQUEUE_PI, LOCK_PI2) get one; the others never wait.
            case 35:
                a[0] = Timeout(a[0]);
                return true;
            case 230:
                a[2] = Timeout(a[2]);
                return true;
            case 202:
                if ((a[1] & 0x7f) is 0 or 6 or 9 or 11 or 13) a[3] = Timeout(a[3]);
                return true;
            case 7:                             // poll
                a[2] = 0;
                return true;
            case 23:                            // select
                a[4] = Timeout(a[4]);
                return true;
            case 270 or 271:                    // pselect6, ppoll
                a[nr == 271 ? 2 : 4] = Timeout(a[nr == 271 ? 2 : 4]);
                return true;
            case 232 or 281:                    // epoll_wait, epoll_pwait
                a[3] = 0;
                return true;
            case 441:                           // epoll_pwait2
                a[3] = Timeout(a[3]);
                return true;

            default:
                return true;
        }
    }

    /// <summary>Keeps a mapping the fuzzer made, up to 64 of at most 1 GiB each, so the address space never fills.</summary>
    private void Track(long address, long length)
    {
        if ((ulong)length > 1UL << 30)
        {
            Forbidden.syscall(11, address, length, 0, 0, 0, 0);
            return;
        }
        _mappings.Add((address, length));
        if (_mappings.Count > MaxMappings)
        {
            Forbidden.syscall(11, _mappings[0].Address, _mappings[0].Length, 0, 0, 0, 0);
            _mappings.RemoveAt(0);
        }
    }

    private static long Map(long length, long protection)
    {
        long p = Forbidden.syscall(9, 0, length, protection, 0x22, -1, 0);
        if (p == -1) throw new InvalidOperationException($"mmap of {length} bytes failed: errno {Marshal.GetLastPInvokeError()}");
        return p;
    }
}
