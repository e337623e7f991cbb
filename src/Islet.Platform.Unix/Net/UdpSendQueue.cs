using System.Net;
using System.Runtime.InteropServices;

namespace Islet.Platform.Unix.Net;

/// <summary>
/// The datagrams one UDP socket was asked to send during a turn of the event loop, copied into
/// an arena and sent together with one sendmmsg when the turn ends (<see cref="UdpSendBatcher"/>)
/// or when the queue is full. A datagram the kernel refuses at that point (unreachable, EPERM
/// from a firewall, a full send buffer) is lost, as UDP allows, and counted in <see cref="Dropped"/>.
/// </summary>
internal sealed unsafe partial class UdpSendQueue : IDisposable
{
    /// <summary>Datagrams queued at most before the queue sends them.</summary>
    public const int MaxMessages = 32;

    /// <summary>Bytes queued at most; a larger datagram is sent on its own.</summary>
    public const int ArenaSize = 64 * 1024;

    private const int MsgHdrSize = 64;
    private const int IovecSize = 16;
    private const int AddressSize = 32;
    private const int MSG_DONTWAIT = 0x40;
    private const int EINTR = 4;
    private const int EAGAIN = 11;

    private readonly int _fd;
    private readonly byte[] _lastAddress = new byte[AddressSize];
    private int _lastAddressLength;
    private IPEndPoint? _lastTarget;
    private byte[]? _arena;
    private byte* _native;
    private int _count;
    private int _used;

    public UdpSendQueue(int fd) => _fd = fd;

    /// <summary>True while the queue is on the batcher's list for this turn.</summary>
    public bool Enlisted { get; set; }

    /// <summary>True when nothing waits to be sent.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>Datagrams the kernel refused after they were queued.</summary>
    public long Dropped { get; private set; }

    /// <summary>Copies <paramref name="datagram"/> into the queue for <paramref name="target"/>;
    /// false (nothing queued) when it does not fit: flush, or send it alone if larger than the arena.</summary>
    public bool TryQueue(ReadOnlySpan<byte> datagram, IPEndPoint target)
    {
        if (_count == MaxMessages || _used + datagram.Length > ArenaSize)
            return false;
        EnsureMemory();
        if (!ReferenceEquals(target, _lastTarget))
        {
            _lastAddressLength = UdpSyscalls.Encode(target, _lastAddress);
            _lastTarget = target;
        }
        int slot = _count++;
        byte* header = _native + slot * MsgHdrSize;
        byte* iovec = _native + MaxMessages * MsgHdrSize + slot * IovecSize;
        byte* address = _native + MaxMessages * (MsgHdrSize + IovecSize) + slot * AddressSize;
        _lastAddress.AsSpan(0, _lastAddressLength).CopyTo(new Span<byte>(address, AddressSize));
        datagram.CopyTo(_arena.AsSpan(_used));
        *(byte**)iovec = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_arena!, _used);
        *(nint*)(iovec + 8) = datagram.Length;
        *(byte**)header = address;               // msg_name
        *(int*)(header + 8) = _lastAddressLength; // msg_namelen
        *(byte**)(header + 16) = iovec;           // msg_iov
        *(nint*)(header + 24) = 1;                // msg_iovlen
        _used += datagram.Length;
        return true;
    }

    /// <summary>Sends every queued datagram (sendmmsg, as many calls as the kernel needs) and empties the queue.</summary>
    public void Flush()
    {
        int sent = 0;
        while (sent < _count)
        {
            int n = sendmmsg(_fd, _native + sent * MsgHdrSize, _count - sent, MSG_DONTWAIT);
            if (n > 0)
            {
                sent += n;
                continue;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
            {
                Dropped += _count - sent;
                break;
            }
            Dropped++; // this one was refused; the rest may still go
            sent++;
        }
        _count = 0;
        _used = 0;
    }

    private void EnsureMemory()
    {
        if (_arena is not null)
            return;
        _arena = GC.AllocateUninitializedArray<byte>(ArenaSize, pinned: true);
        _native = (byte*)NativeMemory.AllocZeroed((nuint)(MaxMessages * (MsgHdrSize + IovecSize + AddressSize)));
    }

    /// <summary>Sends what is queued, then frees the queue's memory.</summary>
    public void Dispose()
    {
        if (_count > 0)
            Flush();
        if (_native is not null)
        {
            NativeMemory.Free(_native);
            _native = null;
        }
        _arena = null;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sendmmsg(int fd, byte* messages, int count, int flags);
}
