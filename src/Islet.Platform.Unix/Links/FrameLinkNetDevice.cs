using System.Runtime.InteropServices;
using Islet.Devices;
using Islet.Events;
using Islet.Platform.Unix.Interop;

namespace Islet.Platform.Unix.Links;

/// <summary>
/// An <see cref="INetDevice"/> over a file descriptor that carries one Ethernet frame per
/// message: the <c>SOCK_SEQPACKET</c> link between a sealed image and its launcher, or a TAP
/// fd handed over by the launcher. Frames move in batches: one <c>recvmmsg</c> takes up to
/// <see cref="BatchSize"/> frames, and the frames a loop turn sends leave in one
/// <c>sendmmsg</c> just before the loop waits (<see cref="EventLoop.AddBeforeWait"/>). Under
/// hvt every system call is a VM exit, so frames per call is what the link costs.
/// On a descriptor that is not a socket (a TAP fd: <c>ENOTSOCK</c>) it falls back to one
/// <c>read</c>/<c>write</c> per frame.
/// </summary>
/// <remarks>
/// The descriptor must be non-blocking (the launcher makes it so). The device owns it and
/// closes it on <see cref="Dispose"/> when <c>ownsDescriptor</c> was true. Readiness comes
/// from the loop's poller; <see cref="Interest"/> tells a level-triggered poller to watch
/// writability only while frames wait to be sent or a sender waits.
/// Buffers: two unmanaged slabs of <see cref="BatchSize"/> slots, allocated once; the
/// packet path allocates nothing.
/// </remarks>
public sealed unsafe class FrameLinkNetDevice : INetDevice, IReadinessHandler
{
    /// <summary>Frames moved by one system call at most.</summary>
    public const int BatchSize = 32;

    private const int SlotSize = 2048;
    private const int EthernetHeaderLength = 14;

    private readonly EventLoop _loop;
    private readonly int _fd;
    private readonly bool _ownsDescriptor;
    private readonly AsyncSignal _readable = new();
    private readonly AsyncSignal _writable = new();
    private readonly Batch _rx;
    private readonly Batch _tx;
    private int _token;
    private int _rxCount;
    private int _rxNext;
    private int _txCount;
    private bool _notSocket;
    private bool _peerClosed;
    private bool _disposed;

    /// <summary>Wraps <paramref name="fd"/> (non-blocking) and registers it with the loop's poller.</summary>
    public FrameLinkNetDevice(EventLoop loop, int fd, MacAddress mac, int mtu = 1500, bool ownsDescriptor = true)
    {
        if (mtu + EthernetHeaderLength > SlotSize) throw new ArgumentOutOfRangeException(nameof(mtu), $"A frame link carries an MTU of at most {SlotSize - EthernetHeaderLength}.");
        _loop = loop;
        _fd = fd;
        _ownsDescriptor = ownsDescriptor;
        Mac = mac;
        Mtu = mtu;
        _rx = new Batch();
        _tx = new Batch();
        _token = loop.Poller.Register(fd, this);
        loop.AddBeforeWait(Flush);
    }

    /// <inheritdoc />
    public int Mtu { get; }

    /// <inheritdoc />
    public MacAddress Mac { get; }

    /// <inheritdoc />
    public NetDeviceCounters Counters { get; } = new();

    /// <summary>System calls that received frames (one per batch on a socket).</summary>
    public long ReceiveCalls { get; private set; }

    /// <summary>System calls that sent frames (one per batch on a socket).</summary>
    public long SendCalls { get; private set; }

    /// <summary>True once the descriptor turned out not to be a socket (one frame per call).</summary>
    public bool IsPerFrame => _notSocket;

    /// <summary>
    /// True once the other end closed the link (a zero-length message: Islet never sends an
    /// empty frame, and a closed SOCK_SEQPACKET peer reads as empty messages). Nothing more is
    /// received; the device stops watching for input.
    /// </summary>
    public bool PeerClosed => _peerClosed;

    /// <inheritdoc />
    public Readiness Interest =>
        (_readable.IsWaiting && !_peerClosed ? Readiness.Readable : Readiness.None)
        | (_writable.IsWaiting || _txCount > 0 ? Readiness.Writable : Readiness.None);

    /// <inheritdoc />
    public bool TryReceive(Span<byte> frame, out int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!_peerClosed)
        {
            if (_rxNext < _rxCount)
            {
                var header = _rx.Headers[_rxNext];
                byte* slot = _rx.Slot(_rxNext);
                _rxNext++;
                int n = (int)header.Length;
                if (n == 0)
                {
                    _peerClosed = true;
                    break;
                }
                if ((header.Flags & LibC.MSG_TRUNC) != 0 || n > frame.Length)
                {
                    Counters.RxDropped++;
                    continue;
                }
                // SAFETY: the kernel wrote n <= SlotSize bytes into this slot of the slab.
                new ReadOnlySpan<byte>(slot, n).CopyTo(frame);
                Counters.RxFrames++;
                Counters.RxBytes += n;
                length = n;
                return true;
            }
            if (_notSocket) return ReadOne(frame, out length);
            if (!Refill()) break;
        }
        length = 0;
        return false;
    }

    /// <inheritdoc />
    public bool TrySend(ReadOnlySpan<byte> frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (frame.Length > Mtu + EthernetHeaderLength) throw new ArgumentException($"A frame is at most {Mtu + EthernetHeaderLength} bytes.", nameof(frame));
        if (_txCount == BatchSize)
        {
            Flush();
            if (_txCount == BatchSize)
            {
                Counters.TxDropped++;
                return false;
            }
        }
        // SAFETY: the slot holds SlotSize bytes and frame.Length <= Mtu + 14 <= SlotSize.
        frame.CopyTo(new Span<byte>(_tx.Slot(_txCount), SlotSize));
        _tx.Vectors[_txCount].Length = (nuint)frame.Length;
        _txCount++;
        Counters.TxFrames++;
        Counters.TxBytes += frame.Length;
        return true;
    }

    /// <inheritdoc />
    public ValueTask WaitReadableAsync(CancellationToken cancellationToken = default) => _readable.WaitAsync();

    /// <inheritdoc />
    public ValueTask WaitWritableAsync(CancellationToken cancellationToken = default) => _writable.WaitAsync();

    /// <summary>
    /// Sends the queued frames now, as one batch where the descriptor allows. Frames the
    /// link cannot take yet stay queued, in order, until it is writable again.
    /// </summary>
    public void Flush()
    {
        if (_txCount == 0 || _disposed) return;
        if (_peerClosed)
        {
            Counters.TxDropped += _txCount; // nobody is left to receive them
            _txCount = 0;
            return;
        }
        int sent = _notSocket ? WriteEach() : SendBatch();
        if (sent <= 0) return;
        int left = _txCount - sent;
        for (int i = 0; i < left; i++)
        {
            int from = sent + i;
            // SAFETY: both slots are inside the slab; distinct indexes never overlap.
            new ReadOnlySpan<byte>(_tx.Slot(from), (int)_tx.Vectors[from].Length).CopyTo(new Span<byte>(_tx.Slot(i), SlotSize));
            _tx.Vectors[i].Length = _tx.Vectors[from].Length;
        }
        _txCount = left;
    }

    /// <inheritdoc />
    public void OnReadiness(Readiness readiness)
    {
        if ((readiness & Readiness.Readable) != 0) _readable.Set();
        if ((readiness & Readiness.Writable) != 0)
        {
            Flush();
            if (_txCount < BatchSize) _writable.Set();
        }
    }

    private bool Refill()
    {
        _rxCount = 0;
        _rxNext = 0;
        for (int i = 0; i < BatchSize; i++)
        {
            _rx.Headers[i].Flags = 0;
            _rx.Headers[i].Length = 0;
        }
        while (true)
        {
            // SAFETY: the headers and their iovecs point into the slab; each iovec is SlotSize bytes.
            int n = LibC.recvmmsg(_fd, _rx.Headers, BatchSize, LibC.MSG_DONTWAIT, null);
            if (n > 0)
            {
                ReceiveCalls++;
                _rxCount = n;
                return true;
            }
            if (n == 0)
            {
                _peerClosed = true;
                return false;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR) continue;
            if (errno == LibC.EAGAIN) return false;
            if (errno == LibC.ENOTSOCK)
            {
                _notSocket = true;
                return false;
            }
            throw new IOException($"frame link: recvmmsg failed: errno {errno}");
        }
    }

    private bool ReadOne(Span<byte> frame, out int length)
    {
        while (true)
        {
            nint n;
            // SAFETY: the span is pinned for the call and read(2) writes at most frame.Length bytes.
            fixed (byte* p = frame) n = LibC.read(_fd, p, frame.Length);
            if (n > 0)
            {
                ReceiveCalls++;
                Counters.RxFrames++;
                Counters.RxBytes += n;
                length = (int)n;
                return true;
            }
            length = 0;
            if (n == 0)
            {
                _peerClosed = true;
                return false;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR) continue;
            if (errno is LibC.EAGAIN or LibC.EIO) return false; // EIO: a TAP interface that is down
            throw new IOException($"frame link: read failed: errno {errno}");
        }
    }

    private int SendBatch()
    {
        while (true)
        {
            // SAFETY: the first _txCount headers point at filled slots of the slab.
            int n = LibC.sendmmsg(_fd, _tx.Headers, (uint)_txCount, LibC.MSG_DONTWAIT);
            if (n >= 0)
            {
                SendCalls++;
                return n;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR) continue;
            if (errno == LibC.EAGAIN) return 0;
            if (errno is LibC.EPIPE or LibC.ECONNRESET)
            {
                _peerClosed = true;
                Counters.TxDropped += _txCount;
                return _txCount;
            }
            if (errno == LibC.ENOTSOCK)
            {
                _notSocket = true;
                return WriteEach();
            }
            throw new IOException($"frame link: sendmmsg failed: errno {errno}");
        }
    }

    private int WriteEach()
    {
        int sent = 0;
        while (sent < _txCount)
        {
            // SAFETY: the slot is inside the slab and holds Vectors[sent].Length bytes.
            nint n = LibC.write(_fd, _tx.Slot(sent), (nint)_tx.Vectors[sent].Length);
            if (n >= 0)
            {
                SendCalls++;
                sent++;
                continue;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR) continue;
            if (errno == LibC.EAGAIN) break;
            if (errno == LibC.EIO)
            {
                // A TAP interface that is down refuses frames with EIO: like a NIC without a
                // link, drop the frame and go on (the peer brings the link up when it is ready).
                Counters.TxDropped++;
                sent++;
                continue;
            }
            throw new IOException($"frame link: write failed: errno {errno}");
        }
        return sent;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_token >= 0) _loop.Poller.Unregister(_token);
        _token = -1;
        _readable.Fail(new ObjectDisposedException(nameof(FrameLinkNetDevice)));
        _writable.Fail(new ObjectDisposedException(nameof(FrameLinkNetDevice)));
        if (_ownsDescriptor) LibC.close(_fd);
        _rx.Free();
        _tx.Free();
    }

    /// <summary>BatchSize slots of SlotSize bytes with their mmsghdr and iovec arrays, in unmanaged memory.</summary>
    private sealed class Batch
    {
        private byte* _slab;

        public Batch()
        {
            _slab = (byte*)NativeMemory.AlignedAlloc((nuint)(BatchSize * SlotSize), 64);
            Headers = (LibC.MMsgHdr*)NativeMemory.AllocZeroed((nuint)(BatchSize * sizeof(LibC.MMsgHdr)));
            Vectors = (LibC.IoVec*)NativeMemory.AllocZeroed((nuint)(BatchSize * sizeof(LibC.IoVec)));
            for (int i = 0; i < BatchSize; i++)
            {
                Vectors[i].Base = Slot(i);
                Vectors[i].Length = SlotSize;
                Headers[i].Iov = &Vectors[i];
                Headers[i].IovLength = 1;
            }
        }

        public LibC.MMsgHdr* Headers { get; private set; }

        public LibC.IoVec* Vectors { get; private set; }

        public byte* Slot(int index) => _slab + (index * SlotSize);

        public void Free()
        {
            NativeMemory.AlignedFree(_slab);
            NativeMemory.Free(Headers);
            NativeMemory.Free(Vectors);
            _slab = null;
            Headers = null;
            Vectors = null;
        }
    }
}
