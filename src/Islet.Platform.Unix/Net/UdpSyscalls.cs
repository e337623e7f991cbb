using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Islet.Net;

namespace Islet.Platform.Unix.Net;

/// <summary>
/// recvfrom and sendto on a UDP socket's descriptor, called directly: no FIONREAD before each
/// receive (MSG_TRUNC returns a datagram's real length) and no exception when the queue is
/// empty (EAGAIN is a return value), which is what a busy UDP server spends most of its own
/// time on through System.Net.Sockets. Sender addresses are decoded into an
/// <see cref="IPEndPoint"/> that is reused while the same sender repeats. A receive into a
/// buffer of at most <see cref="SlotSize"/> bytes takes up to <see cref="BatchSlots"/> queued
/// datagrams with one recvmmsg and hands out the rest from memory on the next calls, so a busy
/// socket costs one system call per batch rather than per datagram.
/// </summary>
internal sealed unsafe partial class UdpSyscalls : IDisposable
{
    /// <summary>Datagrams one recvmmsg takes at most.</summary>
    public const int BatchSlots = 32;

    /// <summary>The largest datagram a batch slot holds; larger buffers are read one datagram at a time.</summary>
    public const int SlotSize = 4096;

    private const int MsgHdrSize = 64;      // struct mmsghdr on x86-64: msghdr (56) + msg_len + padding
    private const int IovecSize = 16;
    private const int SlotAddressSize = 32; // sockaddr_in6 (28), rounded up
    private const int MSG_DONTWAIT = 0x40;
    private const int MSG_TRUNC = 0x20;
    private const int AF_INET = 2;
    private const int AF_INET6 = 10;
    private const int SockAddrSize = 28;

    private const int EINTR = 4;
    private const int EAGAIN = 11;
    private const int EMSGSIZE = 90;
    private const int ENETUNREACH = 101;
    private const int ENOBUFS = 105;
    private const int ECONNREFUSED = 111;
    private const int EHOSTUNREACH = 113;
    private const int EADDRNOTAVAIL = 99;

    private readonly int _fd;
    private readonly byte[] _lastSender = new byte[SockAddrSize];
    private IPEndPoint? _lastSenderEndPoint;
    private readonly byte[] _lastTarget = new byte[SockAddrSize];
    private int _lastTargetLength;
    private IPEndPoint? _lastTargetEndPoint;

    private byte[]? _slots;      // pinned: BatchSlots * SlotSize
    private byte* _headers;      // native: the mmsghdrs, then the iovecs, then the sender addresses
    private int _pending;
    private int _next;

    public UdpSyscalls(int fd) => _fd = fd;

    /// <summary>The outcome of <see cref="TryReceive"/>.</summary>
    public enum Outcome
    {
        /// <summary>A datagram was read.</summary>
        Received,

        /// <summary>Nothing is queued: wait for readability.</summary>
        WouldBlock,

        /// <summary>An error for an earlier send (ICMP) or an interruption: try again at once.</summary>
        Again,
    }

    /// <summary>Reads one datagram without blocking; <paramref name="length"/> is its real length,
    /// which may exceed the buffer (for a batched datagram longer than a slot: <see cref="SlotSize"/> + 1).</summary>
    public Outcome TryReceive(Span<byte> buffer, out int length, out IPEndPoint? sender)
    {
        if (_next < _pending)
            return TakePending(buffer, out length, out sender);
        if (buffer.Length > SlotSize)
            return ReceiveOne(buffer, out length, out sender);
        EnsureSlots();
        for (int i = 0; i < BatchSlots; i++)
        {
            byte* header = _headers + i * MsgHdrSize;
            *(int*)(header + 8) = SockAddrSize; // msg_namelen
            *(int*)(header + 48) = 0;           // msg_flags
        }
        int n = recvmmsg(_fd, _headers, BatchSlots, MSG_DONTWAIT, null);
        if (n <= 0)
        {
            length = 0;
            sender = null;
            return n == 0 ? Outcome.WouldBlock : Failure(Marshal.GetLastPInvokeError());
        }
        _pending = n;
        _next = 0;
        return TakePending(buffer, out length, out sender);
    }

    private Outcome TakePending(Span<byte> buffer, out int length, out IPEndPoint? sender)
    {
        int slot = _next++;
        byte* header = _headers + slot * MsgHdrSize;
        int received = *(int*)(header + 56);                 // msg_len
        bool truncated = (*(int*)(header + 48) & MSG_TRUNC) != 0;
        int addressLength = Math.Min(*(int*)(header + 8), SockAddrSize);
        byte* address = _headers + BatchSlots * (MsgHdrSize + IovecSize) + slot * SlotAddressSize;
        _slots.AsSpan(slot * SlotSize, Math.Min(received, buffer.Length)).CopyTo(buffer);
        length = truncated ? SlotSize + 1 : received;
        sender = Decode(new ReadOnlySpan<byte>(address, addressLength));
        if (_next == _pending)
            _pending = _next = 0;
        return Outcome.Received;
    }

    private Outcome ReceiveOne(Span<byte> buffer, out int length, out IPEndPoint? sender)
    {
        byte* address = stackalloc byte[SockAddrSize];
        int addressLength = SockAddrSize;
        nint n;
        fixed (byte* data = buffer)
            n = recvfrom(_fd, data, buffer.Length, MSG_DONTWAIT | MSG_TRUNC, address, &addressLength);
        if (n < 0)
        {
            length = 0;
            sender = null;
            return Failure(Marshal.GetLastPInvokeError());
        }
        length = (int)n;
        sender = Decode(new ReadOnlySpan<byte>(address, Math.Min(addressLength, SockAddrSize)));
        return Outcome.Received;
    }

    private static Outcome Failure(int errno) =>
        errno == EAGAIN ? Outcome.WouldBlock
        : errno is EINTR or ECONNREFUSED or EHOSTUNREACH or ENETUNREACH ? Outcome.Again
        : throw new NetException(NetError.Reset, $"receiving a datagram failed (errno {errno})");

    private void EnsureSlots()
    {
        if (_slots is not null)
            return;
        _slots = GC.AllocateUninitializedArray<byte>(BatchSlots * SlotSize, pinned: true);
        _headers = (byte*)NativeMemory.AllocZeroed((nuint)(BatchSlots * (MsgHdrSize + IovecSize + SlotAddressSize)));
        byte* iovecs = _headers + BatchSlots * MsgHdrSize;
        byte* addresses = iovecs + BatchSlots * IovecSize;
        byte* data = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_slots, 0);
        for (int i = 0; i < BatchSlots; i++)
        {
            byte* header = _headers + i * MsgHdrSize;
            byte* iovec = iovecs + i * IovecSize;
            *(byte**)iovec = data + i * SlotSize;          // iov_base
            *(nint*)(iovec + 8) = SlotSize;                 // iov_len
            *(byte**)header = addresses + i * SlotAddressSize; // msg_name
            *(byte**)(header + 16) = iovec;                 // msg_iov
            *(nint*)(header + 24) = 1;                      // msg_iovlen
        }
    }

    /// <summary>Frees the batch memory. The descriptor belongs to the socket, which closes it.</summary>
    public void Dispose()
    {
        if (_headers is not null)
        {
            NativeMemory.Free(_headers);
            _headers = null;
        }
        _slots = null;
        _pending = _next = 0;
    }

    /// <summary>Sends one datagram without blocking; false when the send buffer is full (wait for writability).</summary>
    /// <exception cref="NetException">The host refused the send (too long, unreachable, no buffer space, ...).</exception>
    public bool TrySend(ReadOnlySpan<byte> datagram, IPEndPoint target)
    {
        if (!ReferenceEquals(target, _lastTargetEndPoint))
        {
            _lastTargetLength = Encode(target, _lastTarget);
            _lastTargetEndPoint = target;
        }
        while (true)
        {
            nint n;
            fixed (byte* data = datagram)
            fixed (byte* address = _lastTarget)
                n = sendto(_fd, data, datagram.Length, MSG_DONTWAIT, address, _lastTargetLength);
            if (n >= 0)
                return true;
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                return false;
            throw new NetException(errno switch
            {
                EMSGSIZE => NetError.MessageTooLong,
                ENETUNREACH or EHOSTUNREACH => NetError.Unreachable,
                ECONNREFUSED => NetError.Refused,
                ENOBUFS => NetError.NoResources,
                EADDRNOTAVAIL => NetError.AddressNotAvailable,
                _ => NetError.Unreachable,
            }, $"sendto {target} failed (errno {errno})");
        }
    }

    private IPEndPoint Decode(ReadOnlySpan<byte> address)
    {
        if (_lastSenderEndPoint is not null && address.SequenceEqual(_lastSender.AsSpan(0, address.Length)))
            return _lastSenderEndPoint;
        int family = BinaryPrimitives.ReadUInt16LittleEndian(address);
        int port = BinaryPrimitives.ReadUInt16BigEndian(address[2..]);
        IPEndPoint endPoint = family == AF_INET6
            ? new IPEndPoint(new IPAddress(address.Slice(8, 16), BinaryPrimitives.ReadUInt32LittleEndian(address[24..])), port)
            : new IPEndPoint(new IPAddress(address.Slice(4, 4)), port);
        _lastSender.AsSpan().Clear();
        address.CopyTo(_lastSender);
        _lastSenderEndPoint = endPoint;
        return endPoint;
    }

    internal static int Encode(IPEndPoint endPoint, Span<byte> address)
    {
        address.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(address[2..], (ushort)endPoint.Port);
        if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(address, AF_INET6);
            endPoint.Address.TryWriteBytes(address.Slice(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(address[24..], (uint)endPoint.Address.ScopeId);
            return SockAddrSize;
        }
        BinaryPrimitives.WriteUInt16LittleEndian(address, AF_INET);
        endPoint.Address.TryWriteBytes(address.Slice(4, 4), out _);
        return 16;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint recvfrom(int fd, byte* buffer, nint length, int flags, byte* address, int* addressLength);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int recvmmsg(int fd, byte* messages, int count, int flags, void* timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint sendto(int fd, byte* buffer, nint length, int flags, byte* address, int addressLength);
}
