namespace Islet.Monitor.Kvm.Internal;

/// <summary>The variable-length kvm_cpuid2 ioctls (a header followed by entries in one buffer).</summary>
internal static class CpuidBuffer
{
    /// <summary>Issues <paramref name="request"/> on <paramref name="buffer"/>; returns 0 or the errno.</summary>
    public static int Call(FileDescriptor fd, uint request, Span<byte> buffer)
    {
        bool added = false;
        try
        {
            fd.DangerousAddRef(ref added);
            unsafe
            {
                // SAFETY: the buffer is pinned for the call and holds a kvm_cpuid2 header whose
                // nent never exceeds the entries that follow it, so the kernel stays inside it.
                fixed (byte* pointer = buffer)
                {
                    int result = LibC.Ioctl(fd.Value, request, (nint)pointer);
                    return result < 0 ? System.Runtime.InteropServices.Marshal.GetLastPInvokeError() : 0;
                }
            }
        }
        finally
        {
            if (added) fd.DangerousRelease();
        }
    }
}
