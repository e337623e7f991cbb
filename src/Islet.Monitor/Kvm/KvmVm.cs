using Islet.Monitor.Kvm.Internal;

namespace Islet.Monitor.Kvm;

/// <summary>
/// A KVM virtual machine: its memory slots and the factory of its vCPUs. Dispose closes
/// the VM fd and then unmaps the guest RAM it owns; dispose its vCPUs first.
/// </summary>
public sealed class KvmVm : IDisposable
{
    private readonly FileDescriptor _fd;
    private readonly int _vcpuMmapSize;
    private readonly List<GuestRam> _ram = [];

    internal KvmVm(FileDescriptor fd, int vcpuMmapSize)
    {
        _fd = fd;
        _vcpuMmapSize = vcpuMmapSize;
    }

    /// <summary>The RAM slots added so far.</summary>
    public IReadOnlyList<GuestRam> Ram => _ram;

    /// <summary>
    /// Maps <paramref name="size"/> bytes of zeroed anonymous host memory and registers it as
    /// slot <paramref name="slot"/> at <paramref name="guestPhysicalAddress"/>.
    /// </summary>
    /// <param name="slot">The KVM slot number, unique in this VM.</param>
    /// <param name="guestPhysicalAddress">The first guest physical address, page aligned.</param>
    /// <param name="size">Bytes, a non-zero multiple of the page size.</param>
    /// <param name="readOnly">KVM_MEM_READONLY: guest writes exit as MMIO.</param>
    /// <exception cref="ArgumentException">The address or size is not page aligned, or size is 0.</exception>
    /// <exception cref="KvmException">mmap or KVM_SET_USER_MEMORY_REGION failed (for example an overlapping slot: EEXIST).</exception>
    public GuestRam AddRam(uint slot, ulong guestPhysicalAddress, ulong size, bool readOnly = false)
    {
        const ulong PageMask = 4095;
        if (size == 0 || (size & PageMask) != 0 || (guestPhysicalAddress & PageMask) != 0)
            throw new ArgumentException($"guest RAM 0x{guestPhysicalAddress:x}+0x{size:x} must be non-empty and page aligned");
        var mapping = new AnonymousMapping(size);
        try
        {
            var region = new KvmUserspaceMemoryRegion
            {
                Slot = slot,
                Flags = readOnly ? KvmUserspaceMemoryRegion.ReadOnly : 0,
                GuestPhysAddr = guestPhysicalAddress,
                MemorySize = size,
                UserspaceAddr = (ulong)mapping.Address,
            };
            KvmIoctl.Write(_fd, KvmRequest.SetUserMemoryRegion, region, "KVM_SET_USER_MEMORY_REGION");
        }
        catch
        {
            mapping.Dispose();
            throw;
        }
        var ram = new GuestRam(slot, guestPhysicalAddress, mapping);
        _ram.Add(ram);
        return ram;
    }

    /// <summary>KVM_SET_TSS_ADDR: reserves three pages of guest physical space for Intel VMX's real-mode TSS.</summary>
    public void SetTssAddress(ulong guestPhysicalAddress) =>
        KvmIoctl.Call(_fd, KvmRequest.SetTssAddr, (nint)guestPhysicalAddress, "KVM_SET_TSS_ADDR");

    /// <summary>KVM_SET_IDENTITY_MAP_ADDR: reserves one page of guest physical space for Intel VMX's identity map.</summary>
    public void SetIdentityMapAddress(ulong guestPhysicalAddress) =>
        KvmIoctl.Write(_fd, KvmRequest.SetIdentityMapAddr, guestPhysicalAddress, "KVM_SET_IDENTITY_MAP_ADDR");

    /// <summary>KVM_CREATE_VCPU with id <paramref name="id"/>, and its kvm_run mapped.</summary>
    /// <exception cref="KvmException">The ioctl or the mapping failed.</exception>
    public KvmVcpu CreateVcpu(int id)
    {
        int vcpu = KvmIoctl.Call(_fd, KvmRequest.CreateVcpu, id, "KVM_CREATE_VCPU");
        var fd = new FileDescriptor(vcpu);
        try
        {
            return new KvmVcpu(id, fd, _vcpuMmapSize);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>Closes the VM fd, then unmaps its RAM.</summary>
    public void Dispose()
    {
        _fd.Dispose();
        foreach (GuestRam ram in _ram) ram.Unmap();
    }
}
