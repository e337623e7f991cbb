using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>struct kvm_msr_entry: one model-specific register and its value; 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct KvmMsrEntry
{
    /// <summary>The MSR number (for example 0xC0000082, IA32_LSTAR).</summary>
    public uint Index;
    private readonly uint _reserved;
    /// <summary>The value to write (KVM_SET_MSRS) or the value read (KVM_GET_MSRS).</summary>
    public ulong Data;

    /// <summary>An entry for MSR <paramref name="index"/> holding <paramref name="data"/>.</summary>
    public KvmMsrEntry(uint index, ulong data)
    {
        Index = index;
        Data = data;
    }
}
