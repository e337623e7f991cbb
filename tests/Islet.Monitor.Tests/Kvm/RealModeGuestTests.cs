using Islet.Monitor.Kvm;
using Xunit.Abstractions;

namespace Islet.Monitor.Tests.Kvm;

/// <summary>Tiny real-mode guests on the real /dev/kvm (skipped where it cannot be opened).</summary>
public sealed class RealModeGuestTests(ITestOutputHelper output)
{
    private const ulong TwoMiB = 2 << 20;
    private const ushort CodeAddress = 0x1000;

    [Fact]
    public void Out_exits_with_port_size_direction_and_data_then_hlt_exits()
    {
        using KvmTestVm? t = KvmTestVm.TryCreate(TwoMiB, out string reason);
        if (t is null) { output.WriteLine(reason); return; }
        // mov al, 0x42 ; out 0x10, al ; hlt
        t.StartRealMode([0xB0, 0x42, 0xE6, 0x10, 0xF4], CodeAddress);

        KvmExitReason first = t.Vcpu.Run();
        ref KvmRun run = ref t.Vcpu.State;
        output.WriteLine($"first exit: {first}, io dir {run.Io.Direction} size {run.Io.Size} port 0x{run.Io.Port:x} count {run.Io.Count} data_offset {run.Io.DataOffset}, rip 0x{t.Vcpu.GetRegs().Rip:x}");
        Assert.Equal(KvmExitReason.Io, first);
        Assert.Equal(KvmIoExit.Out, run.Io.Direction);
        Assert.Equal(1, run.Io.Size);
        Assert.Equal(0x10, run.Io.Port);
        Assert.Equal(1u, run.Io.Count);
        Assert.Equal([0x42], t.Vcpu.GetIoData().ToArray());
        Assert.Equal(CodeAddress + 4ul, t.Vcpu.GetRegs().Rip);

        KvmExitReason second = t.Vcpu.Run();
        output.WriteLine($"second exit: {second}, rip 0x{t.Vcpu.GetRegs().Rip:x}");
        Assert.Equal(KvmExitReason.Hlt, second);
        Assert.Equal(CodeAddress + 5ul, t.Vcpu.GetRegs().Rip);
    }

    [Fact]
    public void In_exit_takes_the_byte_the_monitor_supplies()
    {
        using KvmTestVm? t = KvmTestVm.TryCreate(TwoMiB, out string reason);
        if (t is null) { output.WriteLine(reason); return; }
        // in al, 0x11 ; out 0x10, al ; hlt
        t.StartRealMode([0xE4, 0x11, 0xE6, 0x10, 0xF4], CodeAddress);

        Assert.Equal(KvmExitReason.Io, t.Vcpu.Run());
        Assert.Equal(KvmIoExit.In, t.Vcpu.State.Io.Direction);
        Assert.Equal(0x11, t.Vcpu.State.Io.Port);
        t.Vcpu.GetIoData()[0] = 0x5A;

        Assert.Equal(KvmExitReason.Io, t.Vcpu.Run());
        Assert.Equal(KvmIoExit.Out, t.Vcpu.State.Io.Direction);
        Assert.Equal([0x5A], t.Vcpu.GetIoData().ToArray());
        Assert.Equal(KvmExitReason.Hlt, t.Vcpu.Run());
    }

    [Fact]
    public void Immediate_exit_returns_intr_without_running_the_guest()
    {
        using KvmTestVm? t = KvmTestVm.TryCreate(TwoMiB, out string reason);
        if (t is null) { output.WriteLine(reason); return; }
        t.StartRealMode([0xF4], CodeAddress);
        t.Vcpu.State.ImmediateExit = 1;
        Assert.Equal(KvmExitReason.Intr, t.Vcpu.Run());
        Assert.Equal(CodeAddress, t.Vcpu.GetRegs().Rip);
        t.Vcpu.State.ImmediateExit = 0;
        Assert.Equal(KvmExitReason.Hlt, t.Vcpu.Run());
    }

    [Fact]
    public void Out_exit_round_trip_cost_is_reported()
    {
        using KvmTestVm? t = KvmTestVm.TryCreate(TwoMiB, out string reason);
        if (t is null) { output.WriteLine(reason); return; }
        // again: out 0x10, al ; jmp again
        t.StartRealMode([0xE6, 0x10, 0xEB, 0xFC], CodeAddress);
        const int Exits = 10_000;
        TimeSpan? perExit = t.MeasureIoExit(warmup: 100, Exits);
        Assert.True(perExit.HasValue, $"the loop stopped with {t.Vcpu.State.ExitReason}");
        output.WriteLine($"{Exits} out exits (real mode): {perExit.Value.TotalMicroseconds:F2} us per exit and re-entry");
    }
}
