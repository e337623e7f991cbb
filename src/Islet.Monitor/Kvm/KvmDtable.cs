using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>struct kvm_dtable: a descriptor-table register (GDTR, IDTR); 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct KvmDtable
{
    public ulong Base;
    public ushort Limit;
}
