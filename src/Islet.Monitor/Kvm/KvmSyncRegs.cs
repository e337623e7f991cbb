using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>
/// struct kvm_sync_regs (x86), at kvm_run.s: with KVM_CAP_SYNC_REGS, registers named in
/// kvm_valid_regs are written here on exit and those in kvm_dirty_regs are loaded on entry,
/// saving the GET/SET ioctls. kvm_vcpu_events (64 bytes) is not modelled; 520 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 520)]
public struct KvmSyncRegs
{
    /// <summary>KVM_SYNC_X86_REGS.</summary>
    public const ulong X86Regs = 1ul << 0;
    /// <summary>KVM_SYNC_X86_SREGS.</summary>
    public const ulong X86Sregs = 1ul << 1;
    /// <summary>KVM_SYNC_X86_EVENTS.</summary>
    public const ulong X86Events = 1ul << 2;

    public KvmRegs Regs;
    public KvmSregs Sregs;
}
