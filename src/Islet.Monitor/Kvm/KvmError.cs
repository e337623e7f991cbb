namespace Islet.Monitor.Kvm;

/// <summary>What went wrong talking to KVM (the kind of a <see cref="KvmException"/>).</summary>
public enum KvmError
{
    /// <summary>/dev/kvm could not be opened (absent, no permission): "open /dev/kvm failed: errno N".</summary>
    OpenFailed,
    /// <summary>An ioctl, mmap or munmap failed: "KVM_X failed: errno N (name)".</summary>
    CallFailed,
    /// <summary>KVM_GET_API_VERSION did not return 12.</summary>
    ApiVersionMismatch,
    /// <summary>KVM_CHECK_EXTENSION reported capabilities the monitor needs as absent; the message names them.</summary>
    MissingCapabilities,
}
