using System.Runtime.InteropServices;
using Islet.Events;
using Islet.Platform.Sealed.Interop;

namespace Islet.Platform.Sealed;

/// <summary>
/// The sealed image's <see cref="IPoller"/>: one <c>ppoll</c> over the device descriptors,
/// watching for each only the events its handler waits for (<see cref="IReadinessHandler.Interest"/>),
/// with SIGTERM, SIGINT and SIGURG unblocked for the duration of the wait (see
/// <see cref="SealedSignals"/>). It creates no descriptor and needs no epoll: an image has a
/// handful of devices, and every call it makes is one the Islet ABI allows.
/// </summary>
/// <remarks>
/// When a wait ends because SIGTERM or SIGINT arrived, the shutdown callback runs
/// once on the loop thread.
/// </remarks>
public sealed unsafe class PpollPoller : IPoller
{
    private readonly List<Entry> _entries = [];
    private readonly Action _onShutdown;
    private SealedLibC.PollFd* _fds;
    private IReadinessHandler[] _handlers = [];
    private int _capacity;
    private bool _shutdownDelivered;

    /// <summary>Creates the poller on the loop thread and installs the signal arrangement there.</summary>
    /// <param name="onShutdown">Runs once, on the loop thread, after the first SIGTERM or SIGINT.</param>
    public PpollPoller(Action onShutdown)
    {
        _onShutdown = onShutdown;
        SealedSignals.Install();
    }

    /// <inheritdoc />
    public bool HasRegistrations
    {
        get
        {
            foreach (var entry in _entries)
            {
                if (entry.Handler is not null) return true;
            }
            return false;
        }
    }

    /// <inheritdoc />
    public int Register(int fd, IReadinessHandler handler)
    {
        int token = _entries.FindIndex(e => e.Handler is null);
        if (token < 0)
        {
            token = _entries.Count;
            _entries.Add(default);
        }
        _entries[token] = new Entry(fd, handler);
        return token;
    }

    /// <inheritdoc />
    public void Unregister(int token)
    {
        if ((uint)token < (uint)_entries.Count) _entries[token] = default;
    }

    /// <inheritdoc />
    public int Poll(long timeoutNanoseconds)
    {
        if (SealedSignals.ShutdownRequested) return DeliverShutdown();
        EnsureCapacity(_entries.Count);
        int count = 0;
        foreach (var entry in _entries)
        {
            if (entry.Handler is null) continue;
            var interest = entry.Handler.Interest;
            short events = (short)(((interest & Readiness.Readable) != 0 ? SealedLibC.POLLIN : 0)
                | ((interest & Readiness.Writable) != 0 ? SealedLibC.POLLOUT : 0));
            if (events == 0) continue;
            _fds[count] = new SealedLibC.PollFd { Fd = entry.Fd, Events = events };
            _handlers[count] = entry.Handler;
            count++;
        }
        var timeout = new SealedLibC.TimeSpec
        {
            Seconds = timeoutNanoseconds / 1_000_000_000,
            Nanoseconds = timeoutNanoseconds % 1_000_000_000,
        };
        // SAFETY: _fds holds count initialised entries; timeout and the wait mask live for the call.
        int ready = SealedLibC.ppoll(_fds, (nuint)count, timeoutNanoseconds < 0 ? null : &timeout, SealedSignals.WaitMask);
        if (ready < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != SealedLibC.EINTR) throw new IOException($"ppoll failed: errno {errno}");
            return SealedSignals.ShutdownRequested ? DeliverShutdown() : 0;
        }
        int delivered = 0;
        for (int i = 0; i < count && delivered < ready; i++)
        {
            short revents = _fds[i].Revents;
            if (revents == 0) continue;
            delivered++;
            _handlers[i].OnReadiness(ToReadiness(revents));
            _handlers[i] = null!;
        }
        return delivered;
    }

    /// <inheritdoc />
    public void Wake() => SealedSignals.WakeLoop();

    private int DeliverShutdown()
    {
        if (_shutdownDelivered) return 0;
        _shutdownDelivered = true;
        _onShutdown();
        return 1;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _capacity) return;
        int capacity = Math.Max(8, needed * 2);
        var fds = (SealedLibC.PollFd*)NativeMemory.Alloc((nuint)(capacity * sizeof(SealedLibC.PollFd)));
        NativeMemory.Free(_fds);
        _fds = fds;
        _handlers = new IReadinessHandler[capacity];
        _capacity = capacity;
    }

    private static Readiness ToReadiness(short revents)
    {
        var readiness = Readiness.None;
        if ((revents & SealedLibC.POLLIN) != 0) readiness |= Readiness.Readable;
        if ((revents & SealedLibC.POLLOUT) != 0) readiness |= Readiness.Writable;
        if ((revents & (SealedLibC.POLLHUP | SealedLibC.POLLERR | SealedLibC.POLLNVAL)) != 0)
        {
            readiness |= Readiness.Closed | Readiness.Readable | Readiness.Writable;
        }
        return readiness;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        NativeMemory.Free(_fds);
        _fds = null;
        _capacity = 0;
        _entries.Clear();
    }

    private readonly record struct Entry(int Fd, IReadinessHandler? Handler);
}
