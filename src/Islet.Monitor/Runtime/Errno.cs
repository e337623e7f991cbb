namespace Islet.Monitor.Runtime;

/// <summary>Linux errno values the runtime answers with (asm-generic/errno-base.h, errno.h).</summary>
internal static class Errno
{
    public const long EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EBADF = 9, EAGAIN = 11, ENOMEM = 12, EFAULT = 14,
        EINVAL = 22, ENOTTY = 25, ENOSYS = 38, ETIMEDOUT = 110;
}
