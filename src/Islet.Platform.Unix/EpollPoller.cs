using System.Runtime.InteropServices;
using Islet.Events;
using Islet.Platform.Unix.Interop;

namespace Islet.Platform.Unix;

/// <summary>
/// The unix target's readiness poller: one edge-triggered epoll set plus an eventfd for
/// cross-thread wake-ups. Each descriptor is registered once for input and output; handlers
/// read or write until EAGAIN, so no epoll_ctl call is made per operation.
/// </summary>
public sealed class EpollPoller : IPoller
{
    private const int MaxEvents = 256;
    private const ulong WakeToken = ulong.MaxValue;

    private readonly int _epoll;
    private readonly int _wakeFd;
    private readonly LibC.EpollEvent[] _events = new LibC.EpollEvent[MaxEvents];
    private readonly List<Registration> _registrations = [];
    private readonly Stack<int> _freeTokens = new();
    private int _live;
    private bool _disposed;

    /// <summary>Creates the epoll set.</summary>
    /// <exception cref="IOException">epoll or eventfd could not be created.</exception>
    public EpollPoller()
    {
        _epoll = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (_epoll < 0) throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        _wakeFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (_wakeFd < 0) throw new IOException($"eventfd failed: errno {Marshal.GetLastPInvokeError()}");
        var ev = new LibC.EpollEvent { Events = LibC.EPOLLIN | LibC.EPOLLET, Data = WakeToken };
        if (LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_ADD, _wakeFd, ref ev) < 0)
            throw new IOException($"epoll_ctl(eventfd) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <inheritdoc />
    public bool HasRegistrations => _live > 0;

    /// <inheritdoc />
    public int Register(int fd, IReadinessHandler handler)
    {
        int token = _freeTokens.Count > 0 ? _freeTokens.Pop() : AddSlot();
        _registrations[token] = new Registration(fd, handler);
        var ev = new LibC.EpollEvent
        {
            Events = LibC.EPOLLIN | LibC.EPOLLOUT | LibC.EPOLLRDHUP | LibC.EPOLLET,
            Data = (ulong)token,
        };
        if (LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_ADD, fd, ref ev) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _registrations[token] = default;
            _freeTokens.Push(token);
            throw new IOException($"epoll_ctl(ADD, {fd}) failed: errno {errno}");
        }
        _live++;
        return token;
    }

    /// <inheritdoc />
    public void Unregister(int token)
    {
        var registration = _registrations[token];
        if (registration.Handler is null) return;
        var ev = default(LibC.EpollEvent);
        LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_DEL, registration.Fd, ref ev); // fails harmlessly if the fd is already closed
        _registrations[token] = default;
        _freeTokens.Push(token);
        _live--;
    }

    /// <inheritdoc />
    public unsafe int Poll(long timeoutNanoseconds)
    {
        int timeoutMs = timeoutNanoseconds < 0 ? -1
            : timeoutNanoseconds == 0 ? 0
            : (int)Math.Min(int.MaxValue, (timeoutNanoseconds + 999_999) / 1_000_000);
        int n;
        // SAFETY: the array is pinned for the call and epoll_wait writes at most MaxEvents entries.
        fixed (LibC.EpollEvent* events = _events)
        {
            n = LibC.epoll_wait(_epoll, events, MaxEvents, timeoutMs);
        }
        if (n < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR) return 0;
            throw new IOException($"epoll_wait failed: errno {errno}");
        }
        int delivered = 0;
        for (int i = 0; i < n; i++)
        {
            var ev = _events[i];
            if (ev.Data == WakeToken)
            {
                DrainWake();
                continue;
            }
            var handler = _registrations[(int)ev.Data].Handler;
            if (handler is null) continue; // unregistered by an earlier handler in this batch
            handler.OnReadiness(ToReadiness(ev.Events));
            delivered++;
        }
        return delivered;
    }

    /// <inheritdoc />
    public unsafe void Wake()
    {
        // Always write: a "wake already pending" shortcut can race with the drain below and
        // lose every later wake-up. Cross-thread posts are rare (signals, foreign threads).
        ulong one = 1;
        // SAFETY: writes 8 bytes from a local to the eventfd, as eventfd(2) requires.
        LibC.write(_wakeFd, &one, sizeof(ulong));
    }

    private unsafe void DrainWake()
    {
        ulong value;
        // SAFETY: reads 8 bytes into a local, as eventfd(2) requires.
        LibC.read(_wakeFd, &value, sizeof(ulong));
    }

    private static Readiness ToReadiness(uint events)
    {
        var r = Readiness.None;
        if ((events & (LibC.EPOLLIN | LibC.EPOLLRDHUP)) != 0) r |= Readiness.Readable;
        if ((events & LibC.EPOLLOUT) != 0) r |= Readiness.Writable;
        if ((events & (LibC.EPOLLHUP | LibC.EPOLLERR)) != 0) r |= Readiness.Closed | Readiness.Readable | Readiness.Writable;
        return r;
    }

    private int AddSlot()
    {
        _registrations.Add(default);
        return _registrations.Count - 1;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        LibC.close(_wakeFd);
        LibC.close(_epoll);
    }

    private readonly record struct Registration(int Fd, IReadinessHandler? Handler);
}
