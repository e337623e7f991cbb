using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>kvm_run.fail_entry (KVM_EXIT_FAIL_ENTRY); 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct KvmFailEntryExit
{
    /// <summary>The hardware's reason (a VMX exit qualification or SVM exit code).</summary>
    public ulong HardwareEntryFailureReason;
    public uint Cpu;
}
