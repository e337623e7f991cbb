using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>
/// The fixed part of struct kvm_cpuid2 (8 bytes); <see cref="EntryCount"/> entries of
/// <see cref="KvmCpuidEntry2"/> follow it directly in the same buffer.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 8)]
public struct KvmCpuid2Header
{
    /// <summary>nent: the number of entries that follow (in: capacity, out: filled).</summary>
    public uint EntryCount;
}
