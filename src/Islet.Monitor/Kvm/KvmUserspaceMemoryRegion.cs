using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>struct kvm_userspace_memory_region: one guest memory slot; 32 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
public struct KvmUserspaceMemoryRegion
{
    /// <summary>KVM_MEM_LOG_DIRTY_PAGES: track writes for dirty logging.</summary>
    public const uint LogDirtyPages = 1u << 0;
    /// <summary>KVM_MEM_READONLY: guest writes exit as MMIO (needs KVM_CAP_READONLY_MEM).</summary>
    public const uint ReadOnly = 1u << 1;

    public uint Slot;
    public uint Flags;
    public ulong GuestPhysAddr;
    /// <summary>Bytes; 0 deletes the slot.</summary>
    public ulong MemorySize;
    /// <summary>The host address of the backing memory, page aligned.</summary>
    public ulong UserspaceAddr;
}
