namespace Islet.Abi;

/// <summary>The Linux errno values the ABI table answers with (asm-generic/errno-base.h, errno.h).</summary>
public static class LinuxErrno
{
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;

    /// <summary>No such file or directory.</summary>
    public const int ENOENT = 2;

    /// <summary>Bad file descriptor.</summary>
    public const int EBADF = 9;

    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;

    /// <summary>Not a typewriter (inappropriate ioctl).</summary>
    public const int ENOTTY = 25;

    /// <summary>Function not implemented: the answer to every call not in the table.</summary>
    public const int ENOSYS = 38;

    /// <summary>The symbolic name of <paramref name="errorNumber"/>, or its decimal value if unnamed here.</summary>
    public static string Name(int errorNumber) => errorNumber switch
    {
        EPERM => nameof(EPERM),
        ENOENT => nameof(ENOENT),
        EBADF => nameof(EBADF),
        EINVAL => nameof(EINVAL),
        ENOTTY => nameof(ENOTTY),
        ENOSYS => nameof(ENOSYS),
        _ => "errno " + errorNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
