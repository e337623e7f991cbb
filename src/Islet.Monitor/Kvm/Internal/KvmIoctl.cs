namespace Islet.Monitor.Kvm.Internal;

/// <summary>Issues ioctls on a KVM fd and turns failures into <see cref="KvmException"/>s.</summary>
internal static class KvmIoctl
{
    /// <summary>An ioctl with an integer argument; returns its non-negative result.</summary>
    /// <exception cref="KvmException">The call returned -1.</exception>
    public static int Call(FileDescriptor fd, uint request, nint argument, string name)
    {
        bool added = false;
        try
        {
            fd.DangerousAddRef(ref added);
            int result = LibC.Ioctl(fd.Value, request, argument);
            if (result < 0) ThrowHelper.CallFailed(name);
            return result;
        }
        finally
        {
            if (added) fd.DangerousRelease();
        }
    }

    /// <summary>An ioctl in which the kernel fills a <typeparamref name="T"/>.</summary>
    public static T Read<T>(FileDescriptor fd, uint request, string name)
        where T : unmanaged
    {
        T value = default;
        // SAFETY: `value` is a local of exactly the size encoded in `request` (checked by the
        // layout tests), and the kernel writes at most that many bytes before returning.
        unsafe
        {
            Call(fd, request, (nint)(&value), name);
        }
        return value;
    }

    /// <summary>An ioctl in which the kernel reads a <typeparamref name="T"/>.</summary>
    public static void Write<T>(FileDescriptor fd, uint request, in T value, string name)
        where T : unmanaged
    {
        // SAFETY: `value` is pinned for the call and is exactly the size the request encodes;
        // the kernel only reads it.
        unsafe
        {
            fixed (T* pointer = &value)
            {
                Call(fd, request, (nint)pointer, name);
            }
        }
    }
}
