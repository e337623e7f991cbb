using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>struct kvm_cpuid_entry2: one CPUID leaf (and sub-leaf); 40 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 40)]
public struct KvmCpuidEntry2
{
    /// <summary>KVM_CPUID_FLAG_SIGNIFCANT_INDEX: the entry applies only to this <see cref="Index"/>.</summary>
    public const uint SignificantIndex = 1u << 0;

    public uint Function;
    public uint Index;
    public uint Flags;
    public uint Eax, Ebx, Ecx, Edx;
}
