using System.Runtime.CompilerServices;

namespace Islet.Monitor.Kvm;

/// <summary>
/// The /dev/kvm ioctl request numbers the monitor uses, computed as linux/kvm.h defines
/// them (checked against the kernel headers by the layout tests).
/// </summary>
public static class KvmRequest
{
    /// <summary>KVMIO, the type byte of every KVM ioctl.</summary>
    public const byte KvmIo = 0xAE;

    // System ioctls (on the /dev/kvm fd).
    /// <summary>KVM_GET_API_VERSION: returns 12 on every supported kernel.</summary>
    public static readonly uint GetApiVersion = IoctlRequest.Io(KvmIo, 0x00);
    /// <summary>KVM_CREATE_VM: returns a VM fd; the argument is the machine type (0).</summary>
    public static readonly uint CreateVm = IoctlRequest.Io(KvmIo, 0x01);
    /// <summary>KVM_CHECK_EXTENSION: 0 if a capability is absent, otherwise a positive value.</summary>
    public static readonly uint CheckExtension = IoctlRequest.Io(KvmIo, 0x03);
    /// <summary>KVM_GET_VCPU_MMAP_SIZE: the size of the mapping of a vCPU fd (kvm_run and its data pages).</summary>
    public static readonly uint GetVcpuMmapSize = IoctlRequest.Io(KvmIo, 0x04);

    /// <summary>KVM_GET_TSC_KHZ (vCPU): the guest TSC's frequency in kHz.</summary>
    public static readonly uint GetTscKhz = IoctlRequest.Io(KvmIo, 0xa3);
    /// <summary>KVM_GET_SUPPORTED_CPUID: fills a kvm_cpuid2 (E2BIG if nent is too small).</summary>
    public static readonly uint GetSupportedCpuid = IoctlRequest.Iowr(KvmIo, 0x05, Unsafe.SizeOf<KvmCpuid2Header>());

    // VM ioctls.
    /// <summary>KVM_CREATE_VCPU: returns a vCPU fd; the argument is the vCPU id.</summary>
    public static readonly uint CreateVcpu = IoctlRequest.Io(KvmIo, 0x41);
    /// <summary>KVM_SET_USER_MEMORY_REGION: adds, moves or deletes a guest memory slot.</summary>
    public static readonly uint SetUserMemoryRegion = IoctlRequest.Iow(KvmIo, 0x46, Unsafe.SizeOf<KvmUserspaceMemoryRegion>());
    /// <summary>KVM_SET_TSS_ADDR: three pages of guest physical space Intel VMX needs for real mode.</summary>
    public static readonly uint SetTssAddr = IoctlRequest.Io(KvmIo, 0x47);
    /// <summary>KVM_SET_IDENTITY_MAP_ADDR: one page Intel VMX needs for an identity map (argument: a pointer to a u64).</summary>
    public static readonly uint SetIdentityMapAddr = IoctlRequest.Iow(KvmIo, 0x48, sizeof(ulong));

    // vCPU ioctls.
    /// <summary>KVM_RUN: runs the vCPU until an exit that user space must handle.</summary>
    public static readonly uint Run = IoctlRequest.Io(KvmIo, 0x80);
    /// <summary>KVM_GET_REGS.</summary>
    public static readonly uint GetRegs = IoctlRequest.Ior(KvmIo, 0x81, Unsafe.SizeOf<KvmRegs>());
    /// <summary>KVM_SET_REGS.</summary>
    public static readonly uint SetRegs = IoctlRequest.Iow(KvmIo, 0x82, Unsafe.SizeOf<KvmRegs>());
    /// <summary>KVM_GET_SREGS.</summary>
    public static readonly uint GetSregs = IoctlRequest.Ior(KvmIo, 0x83, Unsafe.SizeOf<KvmSregs>());
    /// <summary>KVM_SET_SREGS.</summary>
    public static readonly uint SetSregs = IoctlRequest.Iow(KvmIo, 0x84, Unsafe.SizeOf<KvmSregs>());
    /// <summary>KVM_GET_MSRS: reads the MSRs named in a kvm_msrs (header and entries); returns how many were read.</summary>
    public static readonly uint GetMsrs = IoctlRequest.Iowr(KvmIo, 0x88, Unsafe.SizeOf<KvmMsrsHeader>());
    /// <summary>KVM_SET_MSRS: writes the MSRs of a kvm_msrs; returns how many were written (stopping at the first refused).</summary>
    public static readonly uint SetMsrs = IoctlRequest.Iow(KvmIo, 0x89, Unsafe.SizeOf<KvmMsrsHeader>());
    /// <summary>KVM_SET_CPUID2: the CPUID the guest sees (a kvm_cpuid2 header followed by its entries).</summary>
    public static readonly uint SetCpuid2 = IoctlRequest.Iow(KvmIo, 0x90, Unsafe.SizeOf<KvmCpuid2Header>());
    /// <summary>KVM_GET_XSAVE: the legacy 4096-byte XSAVE area.</summary>
    public static readonly uint GetXsave = IoctlRequest.Ior(KvmIo, 0xA4, Unsafe.SizeOf<KvmXsave>());
    /// <summary>KVM_SET_XSAVE.</summary>
    public static readonly uint SetXsave = IoctlRequest.Iow(KvmIo, 0xA5, Unsafe.SizeOf<KvmXsave>());
    /// <summary>KVM_GET_XCRS.</summary>
    public static readonly uint GetXcrs = IoctlRequest.Ior(KvmIo, 0xA6, Unsafe.SizeOf<KvmXcrs>());
    /// <summary>KVM_SET_XCRS.</summary>
    public static readonly uint SetXcrs = IoctlRequest.Iow(KvmIo, 0xA7, Unsafe.SizeOf<KvmXcrs>());
    /// <summary>KVM_GET_XSAVE2: the XSAVE area at the size KVM_CHECK_EXTENSION(KVM_CAP_XSAVE2) returns.</summary>
    public static readonly uint GetXsave2 = IoctlRequest.Ior(KvmIo, 0xCF, Unsafe.SizeOf<KvmXsave>());
}
