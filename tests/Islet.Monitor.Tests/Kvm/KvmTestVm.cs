using System.Diagnostics;
using Islet.Monitor.Kvm;

namespace Islet.Monitor.Tests.Kvm;

/// <summary>
/// A VM with guest RAM at physical 0 and one vCPU for the real-KVM tests; null from
/// <see cref="TryCreate"/> (with the reason) where /dev/kvm cannot be opened.
/// </summary>
internal sealed class KvmTestVm : IDisposable
{
    private KvmTestVm(KvmSystem system, KvmVm vm, GuestRam ram, KvmVcpu vcpu)
    {
        System = system;
        Vm = vm;
        Ram = ram;
        Vcpu = vcpu;
    }

    public KvmSystem System { get; }
    public KvmVm Vm { get; }
    public GuestRam Ram { get; }
    public KvmVcpu Vcpu { get; }

    public static KvmTestVm? TryCreate(ulong ramSize, out string reason)
    {
        KvmSystem system;
        try
        {
            system = KvmSystem.Open();
        }
        catch (KvmException e) when (e.Error == KvmError.OpenFailed)
        {
            reason = "skipped: " + e.Message;
            return null;
        }
        KvmVm vm = system.CreateVm();
        GuestRam ram = vm.AddRam(slot: 0, guestPhysicalAddress: 0, ramSize);
        KvmVcpu vcpu = vm.CreateVcpu(0);
        reason = "";
        return new KvmTestVm(system, vm, ram, vcpu);
    }

    /// <summary>
    /// Copies <paramref name="code"/> to guest physical <paramref name="address"/> (below
    /// 64 KiB) and points the vCPU at it in real mode: CS base 0, selector 0, IP = address,
    /// RFLAGS = 2 (only the always-one bit).
    /// </summary>
    public void StartRealMode(ReadOnlySpan<byte> code, ushort address)
    {
        code.CopyTo(Ram.GetSpan(address, code.Length));
        KvmSregs sregs = Vcpu.GetSregs();
        sregs.Cs.Base = 0;
        sregs.Cs.Selector = 0;
        Vcpu.SetSregs(sregs);
        Vcpu.SetRegs(new KvmRegs { Rip = address, Rflags = 2 });
    }

    /// <summary>
    /// Runs a guest that loops on an I/O instruction: <paramref name="warmup"/> runs, then
    /// <paramref name="exits"/> timed runs. Returns the mean time of one exit and re-entry,
    /// or null if any run ended with another exit.
    /// </summary>
    public TimeSpan? MeasureIoExit(int warmup, int exits)
    {
        for (int i = 0; i < warmup; i++)
        {
            if (Vcpu.Run() != KvmExitReason.Io) return null;
        }
        int io = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < exits; i++)
        {
            if (Vcpu.Run() == KvmExitReason.Io) io++;
        }
        clock.Stop();
        return io == exits ? clock.Elapsed / exits : null;
    }

    public void Dispose()
    {
        Vcpu.Dispose();
        Vm.Dispose();
        System.Dispose();
    }
}
