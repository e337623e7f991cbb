using System.Runtime.InteropServices;
using System.Text;
using Islet.Devices;
using Islet.Events;
using Islet.Platform.Unix.Interop;

namespace Islet.Platform.Unix.Links;

/// <summary>
/// A Linux TAP interface (<c>/dev/net/tun</c>, <c>IFF_TAP | IFF_NO_PI</c>) as an
/// <see cref="INetDevice"/>: one Ethernet frame per read or write on a non-blocking fd,
/// readiness from the loop's epoll. Needs CAP_NET_ADMIN to create the interface.
/// </summary>
/// <remarks>
/// The kernel side of the interface has its own MAC; <see cref="Mac"/> is the address of the
/// stack using this device (a random locally administered one unless given), as with a NIC
/// plugged into a bridge.
/// </remarks>
public sealed class TapNetDevice : INetDevice
{
    private const int EthernetHeaderLength = 14;
    private readonly int _fd;
    private readonly FdReadiness _readiness;
    private bool _disposed;

    private TapNetDevice(EventLoop loop, int fd, string name, MacAddress mac, int mtu)
    {
        _fd = fd;
        Name = name;
        Mac = mac;
        Mtu = mtu;
        _readiness = new FdReadiness(loop, fd);
    }

    /// <summary>
    /// Opens (creating if needed) the TAP interface <paramref name="name"/> (at most 15 bytes).
    /// </summary>
    /// <exception cref="IOException">/dev/net/tun is missing, or the caller may not create interfaces (EPERM).</exception>
    public static TapNetDevice Open(EventLoop loop, string name, MacAddress? mac = null, int mtu = 1500)
    {
        int fd = OpenDescriptor(name, closeOnExec: true);
        return new TapNetDevice(loop, fd, name, mac ?? MacAddress.RandomLocal(new UnixEntropy()), mtu);
    }

    /// <summary>
    /// Opens (creating if needed) the TAP interface <paramref name="name"/> (1 to 15 ASCII
    /// bytes) as a non-blocking descriptor carrying one frame per read or write; the caller owns
    /// it. <paramref name="closeOnExec"/> false leaves it inheritable (the spt launcher hands it
    /// to a sealed image).
    /// </summary>
    /// <exception cref="IOException">/dev/net/tun is missing, or the caller may not create interfaces (EPERM).</exception>
    public static unsafe int OpenDescriptor(string name, bool closeOnExec)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        if (nameBytes.Length is 0 or > 15) throw new ArgumentException("A TAP interface name is 1 to 15 ASCII bytes.", nameof(name));
        int fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK | (closeOnExec ? LibC.O_CLOEXEC : 0));
        if (fd < 0) throw new IOException($"cannot open /dev/net/tun: errno {Marshal.GetLastPInvokeError()}");
        var request = new LibC.IfReqFlags { Flags = LibC.IFF_TAP | LibC.IFF_NO_PI };
        nameBytes.CopyTo(new Span<byte>(request.Name, 16));
        // SAFETY: TUNSETIFF reads and writes one struct ifreq; IfReqFlags is 40 bytes, its full size.
        if (LibC.ioctl(fd, LibC.TUNSETIFF, &request) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            LibC.close(fd);
            throw new IOException($"cannot create TAP interface {name}: errno {errno}{(errno == 1 ? " (needs CAP_NET_ADMIN)" : "")}");
        }
        return fd;
    }

    /// <summary>The interface's name on the host.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public int Mtu { get; }

    /// <inheritdoc />
    public MacAddress Mac { get; }

    /// <inheritdoc />
    public NetDeviceCounters Counters { get; } = new();

    /// <inheritdoc />
    public unsafe bool TryReceive(Span<byte> frame, out int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            nint n;
            // SAFETY: the span is pinned for the call and read(2) writes at most frame.Length bytes.
            fixed (byte* p = frame) n = LibC.read(_fd, p, frame.Length);
            if (n >= 0)
            {
                length = (int)n;
                Counters.RxFrames++;
                Counters.RxBytes += length;
                return true;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR) continue;
            length = 0;
            if (errno is LibC.EAGAIN or LibC.EIO) return false; // EIO: the interface is down
            throw new IOException($"TAP {Name}: read failed: errno {errno}");
        }
    }

    /// <inheritdoc />
    public unsafe bool TrySend(ReadOnlySpan<byte> frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (frame.Length > Mtu + EthernetHeaderLength) throw new ArgumentException($"A frame is at most {Mtu + EthernetHeaderLength} bytes.", nameof(frame));
        while (true)
        {
            nint n;
            // SAFETY: the span is pinned for the call and write(2) reads exactly frame.Length bytes.
            fixed (byte* p = frame) n = LibC.write(_fd, p, frame.Length);
            if (n >= 0)
            {
                Counters.TxFrames++;
                Counters.TxBytes += frame.Length;
                return true;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR) continue;
            if (errno == LibC.EAGAIN)
            {
                Counters.TxDropped++;
                return false;
            }
            if (errno == LibC.EIO)
            {
                Counters.TxDropped++; // the interface is down: dropped, as a NIC without a link would
                return true;
            }
            throw new IOException($"TAP {Name}: write failed: errno {errno}");
        }
    }

    /// <inheritdoc />
    public ValueTask WaitReadableAsync(CancellationToken cancellationToken = default) => _readiness.Readable.WaitAsync();

    /// <inheritdoc />
    public ValueTask WaitWritableAsync(CancellationToken cancellationToken = default) => _readiness.Writable.WaitAsync();

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _readiness.Dispose();
        LibC.close(_fd);
    }
}
