using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>struct kvm_xcrs: the extended control registers of a vCPU; 392 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 392)]
public struct KvmXcrs
{
    /// <summary>nr_xcrs: how many entries of <see cref="Xcrs"/> are valid.</summary>
    public uint Count;
    public uint Flags;
    public KvmXcrArray Xcrs;
    // 16 reserved u64 follow (covered by Size).
}
