using System.Buffers.Binary;
using Islet.Monitor.Guest;
using Islet.Monitor.Kvm;

namespace Islet.Monitor.Tests.Guest;

/// <summary>
/// A one-vCPU guest set up by the production <see cref="CpuState"/> and
/// <see cref="PageTableBuilder"/>: 4 MiB of RAM at physical 0, the system area at 64 KiB, the
/// page tables at 512 KiB, a 64 KiB stack below 1 MiB + 64 KiB and the code as one read-only
/// executable 2 MiB page at 2 MiB. Everything is identity-mapped; page 0 is not.
/// </summary>
internal sealed class CpuStateGuest : IDisposable
{
    public const ulong RamSize = 4 << 20, SystemBase = 0x1_0000, TableBase = 0x8_0000;
    public const ulong StackBase = 0x10_0000, StackTop = 0x11_0000, CodeBase = 0x20_0000;

    private CpuStateGuest(Kvm.KvmTestVm vm, CpuState cpu)
    {
        Vm = vm;
        Cpu = cpu;
    }

    public Kvm.KvmTestVm Vm { get; }
    public CpuState Cpu { get; }
    public KvmVcpu Vcpu => Vm.Vcpu;

    /// <summary>
    /// The guest, started at CPL3 at <see cref="CodeBase"/>, with ports 0x10 to 0x13 opened in the
    /// TSS I/O bitmap so that the test program can report with OUT (kvm_pvm ignores IOPL at CPL3,
    /// as measured: R11 after SYSCALL reads 0x202 and OUT 0x10 with IOPL 3 raised #GP); null
    /// where /dev/kvm cannot be opened.
    /// </summary>
    public static CpuStateGuest? TryStart(ReadOnlySpan<byte> code, out string reason, ulong rdx = 0)
    {
        Kvm.KvmTestVm? vm = Kvm.KvmTestVm.TryCreate(RamSize, out reason);
        if (vm is null) return null;
        var layout = new GuestLayout(SystemBase, vcpuCount: 1);
        var cpu = new CpuState(layout, vm.System.GetSupportedCpuid());
        var tables = new PageTableBuilder();
        foreach (GuestMapping m in layout.Mappings()) tables.Map(m);
        tables.Map(new(StackBase, StackBase, StackTop - StackBase, Writable: true, Executable: false));
        tables.Map(new(CodeBase, CodeBase, 2 << 20, Writable: false, Executable: true));

        cpu.BuildSystemArea().CopyTo(vm.Ram.GetSpan(SystemBase, (int)layout.Size));
        vm.Ram.GetSpan(layout.Tss(0) + 104 + 0x10 / 8, 1)[0] &= 0xF0; // the bitmap follows the 104-byte TSS
        byte[] image = tables.Build(TableBase);
        Assert.True(TableBase + (ulong)image.Length <= StackBase);
        image.CopyTo(vm.Ram.GetSpan(TableBase, image.Length));
        code.CopyTo(vm.Ram.GetSpan(CodeBase, code.Length));

        cpu.Apply(vm.Vcpu, 0, TableBase);
        vm.Vcpu.SetRegs(new KvmRegs { Rip = CodeBase, Rsp = StackTop, Rdx = rdx, Rflags = 0x2 });
        return new CpuStateGuest(vm, cpu);
    }

    public ulong ReadU64(ulong address) => BinaryPrimitives.ReadUInt64LittleEndian(Vm.Ram.GetSpan(address, 8));

    /// <summary>The last exit, for failure messages and the test log.</summary>
    public string Describe(KvmExitReason exit)
    {
        ref KvmRun run = ref Vcpu.State;
        KvmRegs r = Vcpu.GetRegs();
        KvmSregs s = Vcpu.GetSregs();
        string detail = exit switch
        {
            KvmExitReason.Io => $"{(run.Io.Direction == KvmIoExit.Out ? "out" : "in")} port 0x{run.Io.Port:x} size {run.Io.Size}",
            KvmExitReason.InternalError => $"suberror {run.InternalError.Suberror}, {run.InternalError.DataCount} data words",
            KvmExitReason.FailEntry => $"hardware entry failure 0x{run.FailEntry.HardwareEntryFailureReason:x}",
            _ => "",
        };
        return $"exit {exit} {detail}; rip 0x{r.Rip:x} rsp 0x{r.Rsp:x} rflags 0x{r.Rflags:x} rax 0x{r.Rax:x} rcx 0x{r.Rcx:x} rdx 0x{r.Rdx:x} " +
               $"rdi 0x{r.Rdi:x} r11 0x{r.R11:x}; cs 0x{s.Cs.Selector:x} (dpl {s.Cs.Dpl}) ss 0x{s.Ss.Selector:x} cr2 0x{s.Cr2:x} efer 0x{s.Efer:x}";
    }

    public void Dispose() => Vm.Dispose();
}
