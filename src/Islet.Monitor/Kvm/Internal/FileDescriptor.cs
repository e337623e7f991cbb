using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm.Internal;

/// <summary>An owned file descriptor (a /dev/kvm, VM or vCPU fd), closed once on dispose or finalization.</summary>
internal sealed class FileDescriptor : SafeHandle
{
    public FileDescriptor(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    /// <summary>The descriptor number; only valid while this handle is not disposed.</summary>
    public int Value => (int)handle;

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
