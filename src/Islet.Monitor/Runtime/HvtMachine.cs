using Islet.Abi;
using Islet.Abi.Elf;
using Islet.Monitor.Guest;
using Islet.Monitor.Kvm;
using Islet.Monitor.Loader;
using Islet.Monitor.Memory;
using Islet.Monitor.Vm;

namespace Islet.Monitor.Runtime;

/// <summary>
/// One sealed image running in a KVM virtual machine with no guest kernel: the monitor side of
/// the Islet ABI. <see cref="Create"/> builds the VM (RAM, CPU structures, page tables), loads the
/// image and writes its start stack; <see cref="Run"/> runs it until it exits and returns its exit
/// status (the exit code, or 128 + the signal that ended it). Each guest thread is a vCPU driven by
/// its own host thread (<see cref="GuestThread"/>); system calls are answered by the
/// <see cref="AbiTable"/> first, then implemented here.
/// </summary>
public sealed partial class HvtMachine : IDisposable
{
    /// <summary>The process id the guest sees (its main thread's id too).</summary>
    public const int GuestPid = 1;
    private const ulong MainStackSize = 8UL << 20;
    private const int MaxReportedCalls = 64;

    private readonly HvtOptions _options;
    private readonly KvmSystem _kvm;
    private readonly KvmVm _vm;
    private readonly GuestRam _ram;
    private readonly CpuState _cpu;
    private readonly PageTables _tables;
    private readonly LoadedImage _image;
    private readonly AbiContext _abi;
    private readonly object _threadsLock = new();
    private readonly Dictionary<int, GuestThread> _threads = [];
    private readonly List<GuestThread> _everyThread = [];
    private readonly bool _debug = Environment.GetEnvironmentVariable("ISLET_HVT_DEBUG") == "1";

    // Milliseconds since the monitor process started (for ISLET_HVT_DEBUG timings).
    private static double ProcessMilliseconds() =>
        (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds;
    private readonly Stack<(KvmVcpu Vcpu, int Slot)> _idleVcpus = new();
    private readonly HashSet<long> _reportedCalls = [];
    private readonly ManualResetEventSlim _ended = new();
    private readonly DateTime _started = DateTime.UtcNow;
    private int _nextTid = GuestPid;
    private int _nextSlot;
    private int _exitStatus;
    private int _ending;
    private ulong _cr3Flip;

    private HvtMachine(HvtOptions options, KvmSystem kvm, KvmVm vm, GuestRam ram, PhysicalLayout layout, CpuState cpu,
        PageTables tables, GuestMemorySystem memory, LoadedImage image, ulong entryStack)
    {
        _options = options;
        _kvm = kvm;
        _vm = vm;
        _ram = ram;
        Layout = layout;
        _cpu = cpu;
        _tables = tables;
        Memory = memory;
        _image = image;
        EntryStack = entryStack;
        _abi = new AbiContext(options.DeviceFds.Count, GuestPid);
        memory.MappingsNarrowed += KickAllRunning;
        _symbols = new Lazy<ElfSymbolTable?>(() => LoadSymbols(options.Symbols?.Invoke()));
    }

    /// <summary>The guest's memory.</summary>
    public GuestMemorySystem Memory { get; }

    /// <summary>The physical layout.</summary>
    public PhysicalLayout Layout { get; }

    /// <summary>Where the image was loaded (the address of p_vaddr 0).</summary>
    public ulong LoadBase => _image.LoadBase;

    /// <summary>The options.</summary>
    internal HvtOptions Options => _options;

    internal ElfSymbolTable? Symbols => _symbols.Value;

    private readonly Lazy<ElfSymbolTable?> _symbols;

    private ulong EntryStack { get; }

    /// <summary>Whether the machine is ending (exit_group, a fatal signal, or <see cref="Stop"/>).</summary>
    public bool Ending => Volatile.Read(ref _ending) != 0;

    /// <summary>Creates the VM and loads the image. Throws <see cref="ElfLoadException"/> for an image that cannot load and <see cref="KvmException"/> when KVM refuses.</summary>
    public static HvtMachine Create(HvtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        long began = System.Diagnostics.Stopwatch.GetTimestamp();
        bool debug = Environment.GetEnvironmentVariable("ISLET_HVT_DEBUG") == "1";
        void Mark(string step)
        {
            if (debug) options.Report.WriteLine($"islet: hvt: debug: create: {step} at {System.Diagnostics.Stopwatch.GetElapsedTime(began).TotalMilliseconds:F2} ms");
        }
        KickSignal.Install();
        ulong span = ImageSpan(options.Image);
        GuestVdso? vdso = GuestVdso.Embedded();
        var layout = new PhysicalLayout(span + (vdso?.Span ?? 0), Math.Clamp(options.MaxThreads, 1, GuestLayout.MaxVcpus), options.MemoryBytes);
        var kvm = KvmSystem.Open();
        try
        {
            kvm.RequireCapabilities();
            Mark("kvm open");
            var vm = kvm.CreateVm();
            GuestRam ram = vm.AddRam(0, 0, layout.Size);
            Mark("vm+ram");
            KvmVcpu first = vm.CreateVcpu(0);
            Mark("vcpu");
            KvmCpuidEntry2[] cpuid = kvm.GetSupportedCpuid();
            var cpu = new CpuState(layout.System, cpuid);
            Mark("cpuid");
            byte[] system = cpu.BuildSystemArea();
            system.CopyTo(ram.GetSpan(layout.System.Base, system.Length));
            var tables = new PageTables(ram, PhysicalLayout.TablesBase, layout.TablePages);
            foreach (GuestMapping m in layout.System.Mappings())
            {
                for (ulong at = 0; at < m.Length; at += PhysicalLayout.PageSize)
                    tables.Map(m.VirtualAddress + at, m.PhysicalAddress + at, m.Writable, m.Executable);
            }

            var window = new RamWindow(ram, layout.ImageBase, span);
            LoadedImage image = StaticPieLoader.Load(options.Image, window, layout.ImageBase);
            Mark("load");
            var segments = new List<ImageSegment>();
            foreach (LoadedSegment s in image.Segments)
            {
                var protection = Protection.Read;
                if ((s.Permissions & SegmentPermissions.Write) != 0) protection |= Protection.Write;
                if ((s.Permissions & SegmentPermissions.Execute) != 0) protection |= Protection.Execute;
                segments.Add(new ImageSegment(s.PageStart, s.PageEnd - s.PageStart, protection, s.PageStart));
            }
            ulong vdsoAt = layout.ImageBase + span;
            int tscKhz = TscKhz(first);
            if (options.TraceSyscalls) options.Report.WriteLine($"islet: hvt: guest TSC {tscKhz} kHz; vDSO {(vdso is null ? "not built" : $"at 0x{GuestVdso.HeaderAddress(vdsoAt):x}")}");
            if (vdso is not null) segments.AddRange(vdso.Place(ram, vdsoAt, tscKhz));
            foreach (ImageSegment s in segments)
            {
                for (ulong page = s.VirtualAddress; page < s.VirtualAddress + s.Length; page += PhysicalLayout.PageSize)
                    tables.Map(page, page, (s.Protection & Protection.Write) != 0, (s.Protection & Protection.Execute) != 0);
            }
            var space = new GuestAddressSpace(layout.ImageBase, PhysicalLayout.VirtualTop, layout.BudgetBase, layout.BudgetPages, segments);
            var memory = new GuestMemorySystem(ram, space, tables);
            Mark("tables+space");

            long stack = memory.Mmap(0, MainStackSize, 3, 0x22 | 0x4000); // private, anonymous, no reserve: backed as it is touched
            if (stack < 0) throw new InvalidOperationException($"no room for the main stack: errno {-stack}");
            var random = new byte[InitialStack.RandomByteCount];
            Interop.HostLibC.FillRandom(random);
            ulong rsp = InitialStack.Write(memory, (ulong)stack, (ulong)stack + MainStackSize, image, new ProcessStartValues
            {
                Arguments = options.Arguments,
                HardwareCapabilities = HardwareCapabilities(cpuid),
                SystemInfoHeader = vdso is null ? 0 : GuestVdso.HeaderAddress(vdsoAt),
            }, random);
            var machine = new HvtMachine(options, kvm, vm, ram, layout, cpu, tables, memory, image, rsp);
            machine.Debug($"create took {System.Diagnostics.Stopwatch.GetElapsedTime(began).TotalMilliseconds:F2} ms");
            machine.Debug($"machine created ({layout.Size >> 20} MiB of guest-physical memory, {tables.PagesInUse} table pages)");
            machine._idleVcpus.Push((first, 0));
            machine._nextSlot = 1;
            return machine;
        }
        catch
        {
            kvm.Dispose();
            throw;
        }
    }

    /// <summary>Runs the image until it ends; returns its exit status.</summary>
    public int Run()
    {
        GuestThread main = NewThread(null);
        ref KvmRegs regs = ref main.Regs;
        regs = default;
        regs.Rip = _image.Entry;
        regs.Rsp = EntryStack;
        regs.Rflags = 0x202;
        main.RegsChanged();
        main.Start();
        _ended.Wait();
        lock (_threadsLock)
        {
            foreach (GuestThread t in _threads.Values) t.Kick();
        }
        return _exitStatus;
    }

    /// <summary>Ends the guest from outside (the host's SIGTERM handling sends the guest SIGTERM instead; this is the hard stop).</summary>
    public void Stop(int status) => End(status);

    /// <summary>Ends the machine with <paramref name="status"/>; the first call wins.</summary>
    internal void End(int status)
    {
        Debug($"end {status} requested");
        if (Interlocked.Exchange(ref _ending, 1) != 0) return;
        _exitStatus = status;
        Futexes.Shutdown();
        lock (_threadsLock)
        {
            foreach (GuestThread t in _threads.Values)
            {
                t.Kick();
                t.Interrupt();
            }
        }
        _ended.Set();
    }

    /// <summary>Seconds since the machine started.</summary>
    internal double Uptime => (DateTime.UtcNow - _started).TotalSeconds;

    /// <summary>A new guest thread on an idle or new vCPU, or null when <see cref="HvtOptions.MaxThreads"/> are running.</summary>
    internal GuestThread? TryNewThread(GuestThread? parent)
    {
        try
        {
            return NewThread(parent);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private GuestThread NewThread(GuestThread? parent)
    {
        KvmVcpu vcpu;
        int slot;
        int tid;
        lock (_threadsLock)
        {
            if (_idleVcpus.Count > 0)
            {
                (vcpu, slot) = _idleVcpus.Pop();
            }
            else
            {
                if (_nextSlot >= Layout.System.VcpuCount) throw new InvalidOperationException("too many threads");
                slot = _nextSlot++;
                vcpu = _vm.CreateVcpu(slot);
            }
            tid = _nextTid++;
        }
        _cpu.Apply(vcpu, slot, _tables.Root);
        var thread = new GuestThread(this, vcpu, slot, tid, parent);
        lock (_threadsLock)
        {
            _threads.Add(tid, thread);
            _everyThread.Add(thread);
        }
        Debug($"thread {tid} created on vCPU slot {slot}");
        return thread;
    }

    /// <summary>The thread <paramref name="tid"/>, or null.</summary>
    internal GuestThread? FindThread(int tid)
    {
        lock (_threadsLock) return _threads.GetValueOrDefault(tid);
    }

    /// <summary>All live threads.</summary>
    internal GuestThread[] AllThreads()
    {
        lock (_threadsLock) return [.. _threads.Values];
    }

    /// <summary>A thread ended: its vCPU goes back to the pool; the last one ends the machine with status 0.</summary>
    internal void ThreadEnded(GuestThread thread)
    {
        bool last;
        lock (_threadsLock)
        {
            _threads.Remove(thread.Tid);
            _idleVcpus.Push((thread.Vcpu, thread.Slot));
            last = _threads.Count == 0;
        }
        Debug($"thread {thread.Tid} ended; {(last ? "it was the last" : "others remain")}");
        if (last) End(0);
    }

    /// <summary>The CR3 value to load: the root with PWT toggled on each flush, so that KVM sees a new CR3 and drops cached translations.</summary>
    internal ulong NextCr3() => _tables.Root | (Interlocked.Increment(ref _cr3Flip) % 2 == 0 ? 0UL : 0x8UL);

    /// <summary>
    /// After mappings were narrowed: every other thread in the guest is kicked out of it, and this
    /// waits (bounded) until each has left, so that it reloads CR3 before it runs guest code again.
    /// </summary>
    private void KickAllRunning()
    {
        GuestThread? self = GuestThread.Current;
        GuestThread[] threads = AllThreads();
        var seen = new long[threads.Length];
        for (int i = 0; i < threads.Length; i++) seen[i] = threads[i] == self ? -1 : threads[i].BeginBarrier();
        for (int i = 0; i < threads.Length; i++) threads[i].WaitForExit(seen[i]);
    }

    /// <summary>Writes a line to the report once per key, for the first <see cref="MaxReportedCalls"/> keys; then says once that it stops.</summary>
    internal void ReportOnce(long key, string message)
    {
        lock (_reportedCalls)
        {
            if (_reportedCalls.Count > MaxReportedCalls || !_reportedCalls.Add(key)) return;
            if (_reportedCalls.Count > MaxReportedCalls)
                message = $"more than {MaxReportedCalls} different unimplemented calls: no more are reported";
        }
        Report(message);
    }

    /// <summary>Writes a line to the report when ISLET_HVT_DEBUG=1.</summary>
    internal void Debug(string message)
    {
        if (_debug) Report($"debug: {ProcessMilliseconds():F2} ms (monotonic {System.Diagnostics.Stopwatch.GetTimestamp() / 1000} us): {message}");
    }

    /// <summary>Writes a line to the report.</summary>
    internal void Report(string message)
    {
        lock (_options.Report)
        {
            _options.Report.WriteLine($"islet: hvt: {message}");
            _options.Report.Flush();
        }
    }

    internal AbiContext Abi => _abi;

    internal GuestRam Ram => _ram;

    /// <inheritdoc />
    public void Dispose()
    {
        End(_exitStatus);
        foreach (GuestThread t in AllThreads()) t.Join();
        foreach (GuestThread t in _everyThread) t.CloseWake();
        _vm.Dispose();
        _kvm.Dispose();
        _ended.Dispose();
    }

    private static ElfSymbolTable? LoadSymbols(ReadOnlyMemory<byte>? bytes)
    {
        if (bytes is not { } b) return null;
        try
        {
            return ElfSymbolTable.Load(b);
        }
        catch (ElfFormatException)
        {
            return null;
        }
    }

    private static ulong ImageSpan(ReadOnlyMemory<byte> image)
    {
        ElfFile file;
        try
        {
            file = ElfFile.Parse(image);
        }
        catch (ElfFormatException e)
        {
            throw new ElfLoadException(e);
        }
        ulong end = 0;
        foreach (ElfProgramHeader p in file.ProgramHeaders)
        {
            if (p.Type == ElfSegmentType.Load) end = Math.Max(end, p.VirtualAddress + p.MemorySize);
        }
        if (end == 0 || end > 1UL << 34) throw new ElfLoadException(ElfLoadError.NoLoadSegments, "the image has no loadable segments or spans more than 16 GiB");
        return PhysicalLayout.AlignUp(end, PhysicalLayout.PageSize);
    }

    // The guest TSC's rate, or 0 when KVM does not say (the vDSO then makes system calls).
    private static int TscKhz(KvmVcpu vcpu)
    {
        try
        {
            return Math.Max(0, vcpu.GetTscKhz());
        }
        catch (KvmException)
        {
            return 0;
        }
    }

    private static ulong HardwareCapabilities(KvmCpuidEntry2[] cpuid)
    {
        foreach (KvmCpuidEntry2 e in cpuid)
        {
            if (e.Function == 1) return e.Edx;
        }
        return 0;
    }
}
