using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>
/// struct kvm_run (x86): the page shared with KVM for one vCPU. Only the fields the monitor
/// uses are declared; the exit union (at 32) is shown through the views for the exits the
/// monitor handles, and the sync-regs area at 304. 2352 bytes; the mapping is larger
/// (KVM_GET_VCPU_MMAP_SIZE) and holds the I/O data at <see cref="KvmIoExit.DataOffset"/>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 2352)]
public struct KvmRun
{
    /// <summary>The offset of the exit union.</summary>
    public const int ExitUnionOffset = 32;
    /// <summary>The offset of kvm_run.s (the sync-regs area).</summary>
    public const int SyncRegsOffset = 304;

    /// <summary>In: ask for an exit as soon as the guest can take an interrupt.</summary>
    [FieldOffset(0)] public byte RequestInterruptWindow;
    /// <summary>In: when non-zero, KVM_RUN returns at once with EINTR (KVM_CAP_IMMEDIATE_EXIT).</summary>
    [FieldOffset(1)] public byte ImmediateExit;
    [FieldOffset(8)] public KvmExitReason ExitReason;
    [FieldOffset(12)] public byte ReadyForInterruptInjection;
    [FieldOffset(13)] public byte IfFlag;
    [FieldOffset(14)] public ushort Flags;
    [FieldOffset(16)] public ulong Cr8;
    [FieldOffset(24)] public ulong ApicBase;

    /// <summary>KVM_EXIT_UNKNOWN: hw.hardware_exit_reason.</summary>
    [FieldOffset(ExitUnionOffset)] public ulong HardwareExitReason;
    /// <summary>KVM_EXIT_FAIL_ENTRY.</summary>
    [FieldOffset(ExitUnionOffset)] public KvmFailEntryExit FailEntry;
    /// <summary>KVM_EXIT_IO.</summary>
    [FieldOffset(ExitUnionOffset)] public KvmIoExit Io;
    /// <summary>KVM_EXIT_MMIO.</summary>
    [FieldOffset(ExitUnionOffset)] public KvmMmioExit Mmio;
    /// <summary>KVM_EXIT_INTERNAL_ERROR.</summary>
    [FieldOffset(ExitUnionOffset)] public KvmInternalErrorExit InternalError;

    /// <summary>In: which sync-regs parts KVM should write on exit (<see cref="KvmSyncRegs"/>.X86*).</summary>
    [FieldOffset(288)] public ulong ValidRegs;
    /// <summary>In: which sync-regs parts user space changed and KVM must load on entry.</summary>
    [FieldOffset(296)] public ulong DirtyRegs;
    /// <summary>kvm_run.s.regs.</summary>
    [FieldOffset(SyncRegsOffset)] public KvmSyncRegs SyncRegs;
}
