using Islet.Monitor.Guest;
using Islet.Monitor.Kvm;
using Xunit.Abstractions;

namespace Islet.Monitor.Tests.Guest;

/// <summary>
/// The production CPU setup on the real /dev/kvm (skipped, with the reason printed, where it
/// cannot be opened): a syscall answered by the monitor, and exceptions reaching their stubs.
/// </summary>
public sealed class CpuStateGuestTests(ITestOutputHelper output)
{
    [Fact]
    public void Syscall_exits_on_the_syscall_port_and_the_monitor_answers_it()
    {
        ReadOnlySpan<byte> code =
        [
            0xB8, 0x27, 0x00, 0x00, 0x00, // mov eax, 39 (getpid)
            0xBF, 0x34, 0x12, 0x00, 0x00, // mov edi, 0x1234
            0x0F, 0x05,                   // syscall
            0xE7, 0x10,                   // out 0x10, eax
            0xF4,                         // hlt (#GP at CPL3)
        ];
        using CpuStateGuest? g = CpuStateGuest.TryStart(code, out string reason);
        if (g is null) { output.WriteLine(reason); return; }

        KvmExitReason exit = g.Vcpu.Run();
        output.WriteLine("syscall: " + g.Describe(exit));
        Assert.True(exit == KvmExitReason.Io && g.Vcpu.State.Io.Port == CpuState.SyscallPort, g.Describe(exit));
        KvmRegs regs = g.Vcpu.GetRegs();
        Assert.Equal(39UL, regs.Rax);
        Assert.Equal(0x1234UL, regs.Rdi);
        Assert.Equal(CpuStateGuest.CodeBase + 12, regs.Rcx);
        Assert.Equal(g.Cpu.Layout.SyscallEntry + 2, regs.Rip);
        // Hardware KVM: R11 is the guest's RFLAGS and the stub runs at CPL0. kvm_pvm (measured):
        // R11 is 0x202 and the stub runs at CPL3, reaching its port through the TSS I/O bitmap.
        KvmSregs atStub = g.Vcpu.GetSregs();
        output.WriteLine($"stub CPL {atStub.Cs.Dpl}, r11 0x{regs.R11:x}");
        Assert.True((regs.R11 == 0x2 && atStub.Cs.Dpl == 0) || (regs.R11 == 0x202 && atStub.Cs.Dpl == 3), g.Describe(exit));

        CpuState.CompleteSyscall(g.Vcpu, 4242);
        KvmRegs answered = g.Vcpu.GetRegs();
        Assert.Equal(CpuStateGuest.CodeBase + 12, answered.Rip);
        Assert.Equal(regs.R11, answered.Rflags);
        exit = g.Vcpu.Run();
        output.WriteLine("after the answer: " + g.Describe(exit));
        Assert.True(exit == KvmExitReason.Io && g.Vcpu.State.Io.Port == 0x10, g.Describe(exit));
        Assert.Equal(4, g.Vcpu.State.Io.Size);
        Assert.Equal(4242, BitConverter.ToInt32(g.Vcpu.GetIoData()));
        KvmSregs sregs = g.Vcpu.GetSregs();
        Assert.Equal(3, sregs.Cs.Dpl);
        Assert.Equal(CpuState.UserCodeSelector, sregs.Cs.Selector);
    }

    [Fact]
    public void Null_read_enters_the_page_fault_stub_with_cr2_0_and_a_frame()
    {
        // mov al, [0]
        using CpuStateGuest? g = CpuStateGuest.TryStart([0x8A, 0x04, 0x25, 0x00, 0x00, 0x00, 0x00], out string reason, rdx: 0x5555);
        if (g is null) { output.WriteLine(reason); return; }

        KvmExitReason exit = g.Vcpu.Run();
        output.WriteLine("null read: " + g.Describe(exit));
        Assert.True(exit == KvmExitReason.Io && g.Vcpu.State.Io.Port == 0x10E, g.Describe(exit));
        KvmSregs sregs = g.Vcpu.GetSregs();
        Assert.Equal(0UL, sregs.Cr2);
        Assert.Equal(0, sregs.Cs.Dpl);
        KvmRegs regs = g.Vcpu.GetRegs();
        Assert.Equal(0x10EUL, regs.Rdx);
        ulong top = g.Cpu.Layout.ExceptionStackTop(0);
        Assert.Equal(top - 56, regs.Rsp);
        Assert.Equal(0x5555UL, g.ReadU64(regs.Rsp));                 // the guest's RDX
        Assert.Equal(4UL, g.ReadU64(regs.Rsp + 8));                   // error code: user, read, not present
        Assert.Equal(CpuStateGuest.CodeBase, g.ReadU64(regs.Rsp + 16)); // faulting RIP
        Assert.Equal(CpuState.UserCodeSelector, (ushort)g.ReadU64(regs.Rsp + 24));
        Assert.Equal(CpuStateGuest.StackTop, g.ReadU64(regs.Rsp + 40));
        Assert.Equal(CpuState.UserDataSelector, (ushort)g.ReadU64(regs.Rsp + 48));
    }

    [Fact]
    public void Ud2_enters_the_invalid_opcode_stub()
    {
        using CpuStateGuest? g = CpuStateGuest.TryStart([0x0F, 0x0B], out string reason);
        if (g is null) { output.WriteLine(reason); return; }

        KvmExitReason exit = g.Vcpu.Run();
        output.WriteLine("ud2: " + g.Describe(exit));
        Assert.True(exit == KvmExitReason.Io, g.Describe(exit));
        Assert.True(CpuState.TryGetExceptionVector(g.Vcpu.State.Io.Port, out int vector));
        Assert.Equal(6, vector);
        KvmRegs regs = g.Vcpu.GetRegs();
        Assert.Equal(g.Cpu.Layout.ExceptionStackTop(0) - 48, regs.Rsp);
        Assert.Equal(CpuStateGuest.CodeBase, g.ReadU64(regs.Rsp + 8)); // no error code: RIP follows the saved RDX
    }
}
