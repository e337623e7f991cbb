using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>
/// The fixed part of struct kvm_msrs (8 bytes); <see cref="EntryCount"/> entries of
/// <see cref="KvmMsrEntry"/> follow it directly in the same buffer.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 8)]
public struct KvmMsrsHeader
{
    /// <summary>nmsrs: the number of entries that follow.</summary>
    public uint EntryCount;
    private readonly uint _pad;
}
