using System.Runtime.InteropServices;
using Islet.Monitor.Guest;
using Islet.Monitor.Interop;
using Islet.Monitor.Kvm;
using Islet.Monitor.Threads;

namespace Islet.Monitor.Runtime;

/// <summary>
/// One guest thread: a vCPU run by its own host thread. The loop enters the guest with KVM_RUN
/// and answers each exit: the syscall stub's port (a system call), an exception stub's port (a
/// page fault to back lazily or a signal to deliver), a kick (another thread wants it out: to
/// reload CR3, take a signal, or end). Registers travel through kvm_run's sync-regs area, so an
/// exit costs no extra ioctl unless the segment registers change.
/// </summary>
internal sealed partial class GuestThread
{
    [ThreadStatic] private static GuestThread? t_current;
    private readonly HvtMachine _machine;
    private readonly int _wakeFd;
    private Thread? _host;
    private int _hostTid;
    private int _inGuest;
    private long _flushSeen;
    private ulong _lastFaultAddress = ulong.MaxValue;

    public GuestThread(HvtMachine machine, KvmVcpu vcpu, int slot, int tid, GuestThread? parent)
    {
        _machine = machine;
        Vcpu = vcpu;
        Slot = slot;
        Tid = tid;
        _wakeFd = HostLibC.EventFd(0, HostLibC.EFD_CLOEXEC | HostLibC.EFD_NONBLOCK);
        if (_wakeFd < 0) throw new InvalidOperationException($"eventfd failed: errno {Marshal.GetLastPInvokeError()}");
        _flushSeen = machine.Memory.FlushGeneration;
        InitSignals(parent);
        ref KvmRun run = ref vcpu.State;
        run.ValidRegs = KvmSyncRegs.X86Regs | KvmSyncRegs.X86Sregs;
        run.DirtyRegs = 0;
        run.ImmediateExit = 0;
    }

    /// <summary>The guest's memory.</summary>
    public Vm.GuestMemorySystem MachineMemory => _machine.Memory;

    /// <summary>The guest thread running on this host thread, if any.</summary>
    public static GuestThread? Current => t_current;

    public KvmVcpu Vcpu { get; }

    public int Slot { get; }

    public int Tid { get; }

    /// <summary>CLONE_CHILD_CLEARTID / set_tid_address: written with 0 and futex-woken at exit.</summary>
    public ulong ClearChildTid { get; set; }

    /// <summary>PR_SET_NAME.</summary>
    public byte[] Name { get; set; } = new byte[16];

    /// <summary>Futex waits of this thread (interrupted for signals and at the end).</summary>
    public FutexWaiter Waiter { get; } = new();

    /// <summary>The registers in kvm_run's sync area: valid after an exit; mark them dirty after a change.</summary>
    public ref KvmRegs Regs => ref Vcpu.State.SyncRegs.Regs;

    /// <summary>The segment registers in kvm_run's sync area (valid after the first exit).</summary>
    public ref KvmSregs Sregs => ref Vcpu.State.SyncRegs.Sregs;

    /// <summary>The eventfd that interrupts this thread's host waits (ppoll, sleeps).</summary>
    public int WakeFd => _wakeFd;

    /// <summary>Marks the general registers changed: KVM loads them on the next entry.</summary>
    public void RegsChanged() => Vcpu.State.DirtyRegs |= KvmSyncRegs.X86Regs;

    /// <summary>Marks the segment registers changed.</summary>
    public void SregsChanged() => Vcpu.State.DirtyRegs |= KvmSyncRegs.X86Sregs;

    /// <summary>Starts the host thread.</summary>
    public void Start()
    {
        _host = new Thread(Loop, 256 * 1024) { IsBackground = true, Name = $"islet-vcpu-{Tid}" };
        _host.Start();
    }

    /// <summary>Waits for the host thread to end.</summary>
    public void Join() => _host?.Join(TimeSpan.FromSeconds(5));

    /// <summary>Knocks the vCPU out of KVM_RUN (or makes its next KVM_RUN return at once).</summary>
    public void Kick()
    {
        Volatile.Write(ref Vcpu.State.ImmediateExit, 1);
        int tid = Volatile.Read(ref _hostTid);
        if (tid != 0 && Volatile.Read(ref _inGuest) != 0) HostLibC.TgKill(HostLibC.GetPid(), tid, KickSignal.Number);
    }

    /// <summary>Interrupts a host wait of this thread (futex, ppoll, sleep) and kicks it out of the guest.</summary>
    public void Interrupt()
    {
        Waiter.Interrupt();
        unsafe
        {
            ulong one = 1;
            // SAFETY: writes the 8-byte counter increment from the stack to our own eventfd.
            HostLibC.Write(_wakeFd, (byte*)&one, 8);
        }
        Kick();
    }

    /// <summary>Closes the wake eventfd (when the machine is disposed).</summary>
    public void CloseWake() => HostLibC.Close(_wakeFd);

    /// <summary>Drains the wake eventfd.</summary>
    public void DrainWake()
    {
        unsafe
        {
            ulong value;
            // SAFETY: reads at most 8 bytes into the stack variable; the fd is non-blocking.
            HostLibC.Read(_wakeFd, (byte*)&value, 8);
        }
    }

    private void Loop()
    {
        t_current = this;
        Volatile.Write(ref _hostTid, HostLibC.GetTid());
        try
        {
            while (!_machine.Ending)
            {
                BeforeEntry();
                if (_machine.Ending) break;
                // In the guest from here: published before the flush generation is read, so that a
                // thread narrowing mappings either sees this one in the guest (and waits for its
                // exit) or this one sees the new generation (and flushes). See Barrier.
                Interlocked.Exchange(ref _inGuest, 1);
                FlushIfStale();
                ulong dirty = Vcpu.State.DirtyRegs;
                KvmRegs regs = Regs;
                KvmSregs sregs = Sregs;
                long runStart = System.Diagnostics.Stopwatch.GetTimestamp();
                KvmExitReason exit = Vcpu.Run();
                Interlocked.Add(ref _machine._timeInRun, System.Diagnostics.Stopwatch.GetTimestamp() - runStart);
                Volatile.Write(ref _inGuest, 0);
                Interlocked.Increment(ref _exits);
                if (exit == KvmExitReason.Intr)
                {
                    Vcpu.State.ImmediateExit = 0;
                    // An immediate exit returns before KVM applies the dirty registers, and still
                    // copies its own (older) registers over the sync area: put ours back. KVM clears
                    // the dirty bits when it does apply them, so a run that happened is left alone.
                    if (Vcpu.State.DirtyRegs != 0)
                    {
                        Vcpu.State.DirtyRegs = dirty;
                        if ((dirty & KvmSyncRegs.X86Regs) != 0) Regs = regs;
                        if ((dirty & KvmSyncRegs.X86Sregs) != 0) Sregs = sregs;
                    }
                    continue;
                }
                if (_exited) break;
                HandleExit(exit);
                if (_exited) break;
            }
        }
        catch (Exception e)
        {
            _machine.Crash(this, $"the monitor failed handling thread {Tid}: {e.GetType().Name}: {e.Message}", 134);
        }
        finally
        {
            // The wake fd stays open until the machine is disposed: another thread may still
            // interrupt this one, and a closed number could by then belong to a socket.
            _machine.Debug($"thread {Tid} leaves its loop (ending {_machine.Ending}, exited {_exited})");
            _machine.ThreadEnded(this);
        }
    }

    private void FlushIfStale()
    {
        long generation = _machine.Memory.FlushGeneration;
        if (generation == _flushSeen) return;
        _flushSeen = generation;
        FlushTranslations();
    }

    private void BeforeEntry()
    {
        // Inside a stub the registers are the stub's (its stack is the exception stack): a signal
        // then waits for the stub's exit, which returns to the user context first.
        if (!InStub()) DeliverPendingSignals();
    }

    private bool InStub()
    {
        ulong stubs = _machine.Layout.System.Stubs;
        return Regs.Rip >= stubs && Regs.Rip < stubs + Guest.GuestLayout.PageSize;
    }

    /// <summary>Drops the vCPU's cached translations by loading a CR3 value KVM has not seen last (the PWT bit toggles).</summary>
    public void FlushTranslations()
    {
        if (!_hasRun)
        {
            KvmSregs s = Vcpu.GetSregs();
            s.Cr3 = _machine.NextCr3();
            Vcpu.SetSregs(s);
            return;
        }
        Sregs.Cr3 = _machine.NextCr3();
        SregsChanged();
    }

    private bool _hasRun;
    private bool _exited;
    private long _exits;

    /// <summary>
    /// Returns once this thread has been outside the guest since the call began (a VM exit orders
    /// its memory accesses): at once when it is not in the guest, else after a kick. Bounded wait.
    /// </summary>
    public void Barrier() => WaitForExit(BeginBarrier());

    /// <summary>Kicks the thread when it is in the guest; returns the exit count to wait past, or -1 when it is not in the guest.</summary>
    public long BeginBarrier()
    {
        if (Volatile.Read(ref _inGuest) == 0) return -1;
        long seen = Interlocked.Read(ref _exits);
        Kick();
        return seen;
    }

    /// <summary>Waits (at most 100 ms) until the thread has left the guest since <see cref="BeginBarrier"/> returned <paramref name="seen"/>.</summary>
    public void WaitForExit(long seen)
    {
        if (seen < 0) return;
        var spin = new SpinWait();
        long until = Environment.TickCount64 + 100;
        while (Volatile.Read(ref _inGuest) != 0 && Interlocked.Read(ref _exits) == seen && Environment.TickCount64 < until) spin.SpinOnce();
    }

    private void HandleExit(KvmExitReason exit)
    {
        _hasRun = true;
        ref KvmRun run = ref Vcpu.State;
        if (exit == KvmExitReason.Io && run.Io.Direction == KvmIoExit.Out)
        {
            ushort port = run.Io.Port;
            if (port == CpuState.SyscallPort)
            {
                _machine.Syscall(this);
                return;
            }
            if (CpuState.TryGetExceptionVector(port, out int vector))
            {
                HandleException(vector);
                return;
            }
        }
        _machine.Crash(this, DescribeExit(exit), 128 + 11);
    }

    private string DescribeExit(KvmExitReason exit)
    {
        ref KvmRun run = ref Vcpu.State;
        return exit switch
        {
            KvmExitReason.Shutdown => "triple fault (the vCPU shut down)",
            KvmExitReason.Io => $"unexpected I/O to port 0x{run.Io.Port:x}",
            KvmExitReason.FailEntry => $"KVM could not enter the guest (hardware reason 0x{run.FailEntry.HardwareEntryFailureReason:x})",
            KvmExitReason.InternalError => $"KVM internal error (suberror {run.InternalError.Suberror})",
            KvmExitReason.Mmio => $"access to unbacked guest-physical address 0x{run.Mmio.PhysAddr:x}",
            _ => $"unexpected exit {exit}",
        };
    }

    /// <summary>Ends this guest thread (exit): the loop stops after the current exit.</summary>
    public void MarkExited() => _exited = true;

    /// <summary>Remembers the last page fault so that a repeat at the same address forces a translation flush.</summary>
    private bool IsRepeatFault(ulong address)
    {
        bool repeat = _lastFaultAddress == address;
        _lastFaultAddress = repeat ? ulong.MaxValue : address;
        return repeat;
    }
}
