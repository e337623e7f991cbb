using System.Runtime.InteropServices;

namespace Islet.Platform.Unix.Interop;

/// <summary>The few libc calls the unix binding makes directly (epoll, eventfd, accept4).</summary>
internal static partial class LibC
{
    public const int EINTR = 4;
    public const int EAGAIN = 11;

    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLERR = 0x008;
    public const uint EPOLLHUP = 0x010;
    public const uint EPOLLRDHUP = 0x2000;
    public const uint EPOLLET = 1u << 31;

    public const int EFD_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;

    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;

    /// <summary>struct epoll_event, packed on x86-64 (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int op, int fd, ref EpollEvent ev);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int epoll_wait(int epfd, EpollEvent* events, int maxevents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint read(int fd, void* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint write(int fd, void* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int accept4(int sockfd, nint addr, nint addrlen, int flags);

    public const int O_RDWR = 2;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const ulong TUNSETIFF = 0x400454ca;
    public const short IFF_TAP = 0x0002;
    public const short IFF_NO_PI = 0x1000;

    /// <summary>struct ifreq as TUNSETIFF reads it: a 16-byte name then the flags (40 bytes in all).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 40)]
    public unsafe struct IfReqFlags
    {
        public fixed byte Name[16];
        public short Flags;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int ioctl(int fd, ulong request, void* argument);

    public const int ENOTSOCK = 88;
    public const int EPIPE = 32;
    public const int EIO = 5;
    public const int ECONNRESET = 104;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_TRUNC = 0x20;
    public const int AF_UNIX = 1;
    public const int SOCK_SEQPACKET = 5;

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>struct mmsghdr on x86-64: a 56-byte msghdr (msg_flags at 48, then padding) and msg_len at 56.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    public unsafe struct MMsgHdr
    {
        [FieldOffset(0)] public void* Name;
        [FieldOffset(8)] public uint NameLength;
        [FieldOffset(16)] public IoVec* Iov;
        [FieldOffset(24)] public nuint IovLength;
        [FieldOffset(32)] public void* Control;
        [FieldOffset(40)] public nuint ControlLength;
        [FieldOffset(48)] public int Flags;
        [FieldOffset(56)] public uint Length;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int recvmmsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int sendmmsg(int fd, MMsgHdr* messages, uint count, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint getrandom(void* buffer, nint count, uint flags);
}
