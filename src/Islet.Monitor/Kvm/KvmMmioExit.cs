using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>kvm_run.mmio (KVM_EXIT_MMIO); 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 24)]
public struct KvmMmioExit
{
    public ulong PhysAddr;
    /// <summary>The bytes written (IsWrite) or the place to put the bytes read.</summary>
    public KvmMmioData Data;
    /// <summary>Bytes accessed, at most 8.</summary>
    public uint Length;
    /// <summary>Non-zero for a write.</summary>
    public byte IsWrite;
}
