namespace Islet.Monitor.Kvm;

/// <summary>kvm_run.exit_reason: why KVM_RUN returned to user space (KVM_EXIT_*).</summary>
public enum KvmExitReason : uint
{
    Unknown = 0,
    Exception = 1,
    /// <summary>An IN or OUT instruction; see <see cref="KvmRun.Io"/>.</summary>
    Io = 2,
    Hypercall = 3,
    Debug = 4,
    /// <summary>The guest executed HLT.</summary>
    Hlt = 5,
    /// <summary>An access to guest physical memory without a slot (or a write to a read-only slot); see <see cref="KvmRun.Mmio"/>.</summary>
    Mmio = 6,
    IrqWindowOpen = 7,
    /// <summary>A triple fault or similar: the vCPU cannot continue.</summary>
    Shutdown = 8,
    /// <summary>The hardware refused to enter the guest; see <see cref="KvmRun.FailEntry"/>.</summary>
    FailEntry = 9,
    /// <summary>A signal (or immediate_exit) interrupted KVM_RUN.</summary>
    Intr = 10,
    SetTpr = 11,
    TprAccess = 12,
    Nmi = 16,
    /// <summary>KVM could not handle something (for example an instruction its emulator lacks); see <see cref="KvmRun.InternalError"/>.</summary>
    InternalError = 17,
    SystemEvent = 24,
}
