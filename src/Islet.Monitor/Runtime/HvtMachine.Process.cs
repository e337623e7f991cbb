using System.Buffers.Binary;
using System.Text;
using Islet.Monitor.Kvm;
using Islet.Monitor.Threads;

namespace Islet.Monitor.Runtime;

public sealed partial class HvtMachine
{
    private const ulong CloneSetTls = 0x80000, CloneParentSetTid = 0x100000, CloneChildClearTid = 0x200000, CloneChildSetTid = 0x1000000;

    /// <summary>The futexes of all guest threads.</summary>
    internal FutexTable Futexes { get; } = new();

    private FutexMemory? _futexMemory;

    private FutexMemory FutexView => _futexMemory ??= new FutexMemory(Memory);

    /// <summary>clone for a thread (the ABI table admits no other kind): a new vCPU that starts where the parent returns, with RAX 0 and the new stack.</summary>
    private long Clone(GuestThread parent, ReadOnlySpan<ulong> a)
    {
        ulong flags = a[0], stack = a[1], parentTid = a[2], childTid = a[3], tls = a[4];
        GuestThread? child = TryNewThread(parent);
        if (child is null) return -Errno.EAGAIN;
        KvmRegs regs = parent.Regs;
        regs.Rax = 0;
        if (stack != 0) regs.Rsp = stack;
        regs.Rip = regs.Rcx;
        regs.Rflags = (regs.R11 & 0x3C_7FD7) | 2;
        parent.Vcpu.GetXsave(out KvmXsave xsave);
        child.Vcpu.SetXsave(xsave);
        KvmSregs s = child.Vcpu.GetSregs();
        s.Fs.Base = (flags & CloneSetTls) != 0 ? tls : parent.Sregs.Fs.Base;
        child.Vcpu.SetSregs(s);
        child.Regs = regs;
        child.RegsChanged();
        if ((flags & CloneParentSetTid) != 0) Memory.WriteUInt32(parentTid, (uint)child.Tid);
        if ((flags & CloneChildSetTid) != 0) Memory.WriteUInt32(childTid, (uint)child.Tid);
        if ((flags & CloneChildClearTid) != 0) child.ClearChildTid = childTid;
        child.Start();
        return child.Tid;
    }

    private long ExitThread(GuestThread t)
    {
        if (t.ClearChildTid != 0) ThreadExitNotifier.NotifyExit(Futexes, FutexView, t.ClearChildTid);
        t.MarkExited();
        return NoReturn;
    }

    private long ExitGroup(int code)
    {
        End(code & 0xFF);
        GuestThread.Current?.MarkExited();
        return NoReturn;
    }

    private long SetTidAddress(GuestThread t, ulong address)
    {
        t.ClearChildTid = address;
        return t.Tid;
    }

    /// <summary>futex. A wake needs the word to be mapped, as Linux's futex key lookup does (EFAULT otherwise); the table checks the rest.</summary>
    private long Futex(GuestThread t, ReadOnlySpan<ulong> a)
    {
        const int Wake = 1, WakeBitset = 10, CommandMask = 0x7F;
        int command = (int)a[1] & CommandMask;
        if (command is Wake or WakeBitset && (a[0] & 3) == 0 && !FutexView.TryLoad(a[0], out _)) return -Errno.EFAULT;
        return Futexes.Invoke(t.Waiter, FutexView, a[0], (int)a[1], (uint)a[2], a[3], a[4], (uint)a[5]);
    }

    private long Uname(ulong buffer)
    {
        var u = new byte[6 * 65];
        string[] fields = ["Linux", "islet", "6.1.0-islet-hvt", "#1 Islet monitor", "x86_64", "(none)"];
        for (int i = 0; i < fields.Length; i++) Encoding.ASCII.GetBytes(fields[i]).CopyTo(u, i * 65);
        Memory.Write(buffer, u);
        return 0;
    }

    private long Prctl(GuestThread t, int option, ulong address)
    {
        const int PR_SET_NAME = 15, PR_GET_NAME = 16;
        if (option == PR_SET_NAME)
        {
            var name = new byte[16];
            for (int i = 0; i < 15; i++)
            {
                Span<byte> c = name.AsSpan(i, 1);
                Memory.Read(address + (ulong)i, c);
                if (c[0] == 0) break;
            }
            t.Name = name;
            return 0;
        }
        if (option == PR_GET_NAME)
        {
            Memory.Write(address, t.Name);
            return 0;
        }
        return -Errno.EINVAL;
    }

    private long ArchPrctl(GuestThread t, int code, ulong address)
    {
        const int ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003;
        if (code == ARCH_SET_FS)
        {
            if (address >= Vm.GuestMemorySystem.UserTop) return -Errno.EPERM;
            t.Sregs.Fs.Base = address;
            t.SregsChanged();
            return 0;
        }
        if (code == ARCH_GET_FS)
        {
            Memory.WriteUInt64(address, t.Sregs.Fs.Base);
            return 0;
        }
        return -Errno.EINVAL;
    }

    private long Prlimit(int resource, ulong old)
    {
        const ulong Infinity = ulong.MaxValue;
        if (resource is < 0 or > 15) return -Errno.EINVAL;
        if (old == 0) return 0;
        (ulong cur, ulong max) = resource switch
        {
            3 => (8UL << 20, Infinity),                                         // RLIMIT_STACK
            4 or 8 => (0UL, 0UL),                                               // RLIMIT_CORE, RLIMIT_MEMLOCK
            7 => ((ulong)_abi.FdLimit, (ulong)_abi.FdLimit),                    // RLIMIT_NOFILE
            _ => (Infinity, Infinity),
        };
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(b, cur);
        BinaryPrimitives.WriteUInt64LittleEndian(b[8..], max);
        Memory.Write(old, b);
        return 0;
    }

    private long SchedGetAffinity(ulong length, ulong mask)
    {
        if (length < 8 || (length & 7) != 0) return -Errno.EINVAL;
        int cpus = Math.Clamp(_options.Cpus, 1, 64);
        Memory.WriteUInt64(mask, cpus == 64 ? ulong.MaxValue : (1UL << cpus) - 1);
        return 8;
    }

    private long SysInfo(ulong buffer)
    {
        Span<byte> b = stackalloc byte[112];
        b.Clear();
        ulong total = (ulong)Memory.BudgetPages * 4096, used = (ulong)Memory.ChargedPages * 4096;
        BinaryPrimitives.WriteInt64LittleEndian(b, (long)Uptime);
        BinaryPrimitives.WriteUInt64LittleEndian(b[32..], total);
        BinaryPrimitives.WriteUInt64LittleEndian(b[40..], total - Math.Min(used, total));
        BinaryPrimitives.WriteUInt16LittleEndian(b[80..], (ushort)AllThreads().Length);
        BinaryPrimitives.WriteUInt32LittleEndian(b[104..], 1);
        Memory.Write(buffer, b);
        return 0;
    }

    private unsafe long GetRusage(ulong buffer)
    {
        byte* usage = stackalloc byte[144];
        // SAFETY: getrusage writes a 144-byte struct rusage into the stack buffer. RUSAGE_THREAD
        // of the vCPU's host thread is the guest thread's own CPU time.
        if (Interop.HostLibC.GetRusage(1, usage) != 0) return -Errno.EINVAL;
        Memory.Write(buffer, new ReadOnlySpan<byte>(usage, 144));
        return 0;
    }

    private long GetRandom(ulong buffer, ulong length)
    {
        int n = (int)Math.Min(length, MaxIo);
        byte[] b = Buffer(n);
        Interop.HostLibC.FillRandom(b.AsSpan(0, n));
        Memory.Write(buffer, b.AsSpan(0, n));
        return n;
    }

    /// <summary>
    /// membarrier: QUERY, REGISTER_PRIVATE_EXPEDITED, and PRIVATE_EXPEDITED, which makes every other
    /// vCPU leave the guest once (a VM exit orders its memory accesses) before it returns.
    /// </summary>
    private long Membarrier(GuestThread self, int command)
    {
        const int Query = 0, PrivateExpedited = 8, RegisterPrivateExpedited = 16;
        switch (command)
        {
            case Query: return PrivateExpedited | RegisterPrivateExpedited;
            case RegisterPrivateExpedited: return 0;
            case PrivateExpedited:
                foreach (GuestThread t in AllThreads())
                {
                    if (t != self) t.Barrier();
                }
                Interlocked.MemoryBarrier();
                return 0;
            default: return -Errno.EINVAL;
        }
    }
}
