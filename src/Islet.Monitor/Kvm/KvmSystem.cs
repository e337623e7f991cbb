using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Islet.Monitor.Kvm.Internal;

namespace Islet.Monitor.Kvm;

/// <summary>
/// An open /dev/kvm: the API version, capabilities, supported CPUID, and the factory of VMs.
/// Dispose closes the fd; VMs created from it stay valid on their own fds.
/// </summary>
public sealed class KvmSystem : IDisposable
{
    /// <summary>The only KVM API version there has ever been in mainline Linux.</summary>
    public const int ExpectedApiVersion = 12;

    /// <summary>
    /// The capabilities the monitor relies on: guest memory slots, read-only slots (for
    /// the image's text), XSAVE and XCR0 state, register exchange through kvm_run, and
    /// immediate_exit to kick a vCPU for signal delivery.
    /// </summary>
    public static IReadOnlyList<KvmCapability> RequiredCapabilities { get; } =
    [
        KvmCapability.UserMemory,
        KvmCapability.ReadOnlyMem,
        KvmCapability.Xsave,
        KvmCapability.Xcrs,
        KvmCapability.SyncRegs,
        KvmCapability.ImmediateExit,
        KvmCapability.ExtCpuid,
    ];

    private readonly FileDescriptor _fd;

    private KvmSystem(FileDescriptor fd, int apiVersion)
    {
        _fd = fd;
        ApiVersion = apiVersion;
    }

    /// <summary>KVM_GET_API_VERSION, read at open.</summary>
    public int ApiVersion { get; }

    /// <summary>
    /// Opens <paramref name="path"/> and checks the API version.
    /// </summary>
    /// <exception cref="KvmException"><see cref="KvmError.OpenFailed"/> (errno set, for example ENOENT or EACCES) or <see cref="KvmError.ApiVersionMismatch"/>.</exception>
    public static KvmSystem Open(string path = "/dev/kvm")
    {
        int raw = LibC.Open(path, LibC.O_RDWR | LibC.O_CLOEXEC);
        if (raw < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new KvmException(KvmError.OpenFailed, "open " + path, errno,
                $"open {path} failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})");
        }
        var fd = new FileDescriptor(raw);
        try
        {
            int version = KvmIoctl.Call(fd, KvmRequest.GetApiVersion, 0, "KVM_GET_API_VERSION");
            if (version != ExpectedApiVersion)
            {
                throw new KvmException(KvmError.ApiVersionMismatch, "KVM_GET_API_VERSION", 0,
                    $"KVM API version {version} at {path}; the monitor needs {ExpectedApiVersion}");
            }
            return new KvmSystem(fd, version);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>KVM_CHECK_EXTENSION: 0 when <paramref name="capability"/> is absent, otherwise its (positive) value.</summary>
    public int CheckExtension(KvmCapability capability) =>
        KvmIoctl.Call(_fd, KvmRequest.CheckExtension, (nint)capability, "KVM_CHECK_EXTENSION");

    /// <summary>Each of <paramref name="capabilities"/> with its KVM_CHECK_EXTENSION value.</summary>
    public IReadOnlyList<(KvmCapability Capability, int Value)> Describe(IEnumerable<KvmCapability> capabilities) =>
        capabilities.Select(c => (c, CheckExtension(c))).ToArray();

    /// <summary>Those of <paramref name="capabilities"/> this kernel lacks (empty when all are present).</summary>
    public IReadOnlyList<KvmCapability> FindMissing(IEnumerable<KvmCapability> capabilities) =>
        capabilities.Where(c => CheckExtension(c) <= 0).ToArray();

    /// <summary>Checks that every capability in <see cref="RequiredCapabilities"/> is present.</summary>
    /// <exception cref="KvmException"><see cref="KvmError.MissingCapabilities"/>, naming each missing one.</exception>
    public void RequireCapabilities()
    {
        IReadOnlyList<KvmCapability> missing = FindMissing(RequiredCapabilities);
        if (missing.Count > 0)
        {
            throw new KvmException(KvmError.MissingCapabilities, "KVM_CHECK_EXTENSION", 0,
                "this KVM lacks capabilities the monitor needs: " + string.Join(", ", missing.Select(CapabilityName)));
        }
    }

    /// <summary>KVM_GET_VCPU_MMAP_SIZE: bytes to map from a vCPU fd.</summary>
    public int VcpuMmapSize => KvmIoctl.Call(_fd, KvmRequest.GetVcpuMmapSize, 0, "KVM_GET_VCPU_MMAP_SIZE");

    /// <summary>
    /// KVM_GET_SUPPORTED_CPUID: every CPUID leaf KVM can present to a guest, with the host's
    /// features that KVM supports (pass these to <see cref="KvmVcpu.SetCpuid"/>).
    /// </summary>
    public KvmCpuidEntry2[] GetSupportedCpuid()
    {
        for (int capacity = 64; ; capacity *= 2)
        {
            int header = Unsafe.SizeOf<KvmCpuid2Header>(), entry = Unsafe.SizeOf<KvmCpuidEntry2>();
            var buffer = new byte[header + capacity * entry];
            MemoryMarshal.Write(buffer, new KvmCpuid2Header { EntryCount = (uint)capacity });
            int errno = CpuidBuffer.Call(_fd, KvmRequest.GetSupportedCpuid, buffer);
            if (errno == 0)
            {
                uint count = MemoryMarshal.Read<KvmCpuid2Header>(buffer).EntryCount;
                return MemoryMarshal.Cast<byte, KvmCpuidEntry2>(buffer.AsSpan(header, (int)count * entry)).ToArray();
            }
            const int E2BIG = 7;
            if (errno != E2BIG || capacity >= 4096) ThrowHelper.CallFailed("KVM_GET_SUPPORTED_CPUID", errno);
        }
    }

    /// <summary>KVM_CREATE_VM: a new, empty VM (no memory, no vCPUs).</summary>
    /// <exception cref="KvmException">The ioctl failed.</exception>
    public KvmVm CreateVm()
    {
        int vm = KvmIoctl.Call(_fd, KvmRequest.CreateVm, 0, "KVM_CREATE_VM");
        return new KvmVm(new FileDescriptor(vm), VcpuMmapSize);
    }

    /// <summary>The KVM_CAP_ name of a capability, for messages.</summary>
    public static string CapabilityName(KvmCapability capability) => capability switch
    {
        KvmCapability.UserMemory => "KVM_CAP_USER_MEMORY",
        KvmCapability.SetTssAddr => "KVM_CAP_SET_TSS_ADDR",
        KvmCapability.ExtCpuid => "KVM_CAP_EXT_CPUID",
        KvmCapability.NrVcpus => "KVM_CAP_NR_VCPUS",
        KvmCapability.Xsave => "KVM_CAP_XSAVE",
        KvmCapability.Xcrs => "KVM_CAP_XCRS",
        KvmCapability.MaxVcpus => "KVM_CAP_MAX_VCPUS",
        KvmCapability.SyncRegs => "KVM_CAP_SYNC_REGS",
        KvmCapability.ReadOnlyMem => "KVM_CAP_READONLY_MEM",
        KvmCapability.ImmediateExit => "KVM_CAP_IMMEDIATE_EXIT",
        KvmCapability.Xsave2 => "KVM_CAP_XSAVE2",
        _ => "KVM_CAP " + (int)capability,
    };

    /// <summary>Closes /dev/kvm.</summary>
    public void Dispose() => _fd.Dispose();
}
