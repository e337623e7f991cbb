using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>kvm_run.internal (KVM_EXIT_INTERNAL_ERROR); 136 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 136)]
public struct KvmInternalErrorExit
{
    /// <summary>KVM_INTERNAL_ERROR_EMULATION: the instruction emulator failed.</summary>
    public const uint Emulation = 1;
    /// <summary>KVM_INTERNAL_ERROR_SIMUL_EX: an exception while delivering an exception.</summary>
    public const uint SimultaneousException = 2;
    /// <summary>KVM_INTERNAL_ERROR_DELIVERY_EV: an exit while delivering an event.</summary>
    public const uint DeliveryEvent = 3;
    /// <summary>KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON.</summary>
    public const uint UnexpectedExitReason = 4;

    public uint Suberror;
    /// <summary>How many words of <see cref="Data"/> are valid (at most 16).</summary>
    public uint DataCount;
    public KvmInternalErrorData Data;
}
