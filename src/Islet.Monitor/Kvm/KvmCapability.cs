namespace Islet.Monitor.Kvm;

/// <summary>KVM_CAP_* numbers for KVM_CHECK_EXTENSION (the ones the monitor asks about).</summary>
public enum KvmCapability
{
    /// <summary>KVM_SET_USER_MEMORY_REGION.</summary>
    UserMemory = 3,
    SetTssAddr = 4,
    ExtCpuid = 7,
    /// <summary>The recommended number of vCPUs per VM.</summary>
    NrVcpus = 9,
    Xsave = 55,
    Xcrs = 56,
    /// <summary>The most vCPUs per VM.</summary>
    MaxVcpus = 66,
    /// <summary>kvm_run.s: registers exchanged through the kvm_run page (the value is the set of KVM_SYNC_X86_* bits).</summary>
    SyncRegs = 74,
    /// <summary>KVM_MEM_READONLY slots.</summary>
    ReadOnlyMem = 81,
    /// <summary>kvm_run.immediate_exit, to kick a vCPU out of KVM_RUN.</summary>
    ImmediateExit = 136,
    /// <summary>KVM_GET_XSAVE2; the value is the XSAVE area size in bytes.</summary>
    Xsave2 = 208,
}
