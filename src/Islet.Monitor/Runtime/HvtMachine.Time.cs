using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Islet.Monitor.Interop;

namespace Islet.Monitor.Runtime;

public sealed partial class HvtMachine
{
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>The clocks sleeps are measured on.</summary>
    private enum SleepClock
    {
        Realtime = 0,
        Monotonic = 1,
    }

    private static unsafe long HostClock(int clock, out long nanoseconds)
    {
        long* ts = stackalloc long[2];
        // SAFETY: clock_gettime writes a 16-byte timespec into the stack buffer.
        if (HostLibC.ClockGettime(clock, ts) != 0)
        {
            nanoseconds = 0;
            return -Marshal.GetLastPInvokeError();
        }
        nanoseconds = ts[0] * NanosPerSecond + ts[1];
        return 0;
    }

    private long ClockGetTime(int clock, ulong timespec)
    {
        long r = HostClock(clock, out long ns);
        if (r < 0) return r;
        WriteTimespec(timespec, ns);
        return 0;
    }

    private long Time(ulong address)
    {
        HostClock((int)SleepClock.Realtime, out long ns);
        long seconds = ns / NanosPerSecond;
        if (address != 0) Memory.WriteUInt64(address, (ulong)seconds);
        return seconds;
    }

    private long GetTimeOfDay(ulong timeval)
    {
        if (timeval == 0) return 0;
        HostClock((int)SleepClock.Realtime, out long ns);
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(b, ns / NanosPerSecond);
        BinaryPrimitives.WriteInt64LittleEndian(b[8..], ns % NanosPerSecond / 1000);
        Memory.Write(timeval, b);
        return 0;
    }

    private void WriteTimespec(ulong address, long nanoseconds)
    {
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(b, nanoseconds / NanosPerSecond);
        BinaryPrimitives.WriteInt64LittleEndian(b[8..], nanoseconds % NanosPerSecond);
        Memory.Write(address, b);
    }

    // A guest timespec as nanoseconds; -EINVAL when it is malformed.
    private long ReadTimespec(ulong address, out long nanoseconds)
    {
        Span<byte> b = stackalloc byte[16];
        Memory.Read(address, b);
        long seconds = BinaryPrimitives.ReadInt64LittleEndian(b), nanos = BinaryPrimitives.ReadInt64LittleEndian(b[8..]);
        nanoseconds = 0;
        if (seconds < 0 || nanos is < 0 or >= NanosPerSecond) return -Errno.EINVAL;
        nanoseconds = seconds > long.MaxValue / NanosPerSecond - 1 ? long.MaxValue : seconds * NanosPerSecond + nanos;
        return 0;
    }

    /// <summary>nanosleep: sleeps on the thread's wake fd; a signal for the thread ends it early with EINTR and the time left.</summary>
    private long Sleep(GuestThread t, SleepClock clock, bool relative, ulong request, ulong remaining)
    {
        long r = ReadTimespec(request, out long ns);
        if (r < 0) return r;
        HostClock((int)clock, out long now);
        long deadline = relative ? SaturatingAdd(now, ns) : ns;
        long waited = WaitHost(t, [], deadline, clock);
        if (waited == -Errno.EINTR)
        {
            if (relative && remaining != 0)
            {
                HostClock((int)clock, out long after);
                WriteTimespec(remaining, Math.Max(0, deadline - after));
            }
            return -Errno.EINTR;
        }
        return 0;
    }

    private long ClockNanosleep(GuestThread t, int clock, int flags, ulong request, ulong remaining)
    {
        const int TimerAbstime = 1;
        if (clock is not (0 or 1 or 7)) return -Errno.EINVAL;
        return Sleep(t, clock == 0 ? SleepClock.Realtime : SleepClock.Monotonic, (flags & TimerAbstime) == 0, request, (flags & TimerAbstime) == 0 ? remaining : 0);
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>
    /// Waits on <paramref name="fds"/> (host pollfds; revents filled in) and the thread's wake fd until
    /// one is ready or <paramref name="deadline"/> (nanoseconds on <paramref name="clock"/>; long.MaxValue
    /// for none) passes. Returns the number of ready fds, 0 at the deadline, or -EINTR when a signal
    /// became deliverable to the thread or the machine is ending.
    /// </summary>
    private unsafe long WaitHost(GuestThread t, Span<PollFd> fds, long deadline, SleepClock clock)
    {
        var all = new PollFd[fds.Length + 1];
        long* timeout = stackalloc long[2];
        while (true)
        {
            if (Ending || t.HasDeliverableSignal()) return -Errno.EINTR;
            fds.CopyTo(all);
            all[^1] = new PollFd { Fd = t.WakeFd, Events = PollFd.In };
            bool infinite = deadline == long.MaxValue;
            if (!infinite)
            {
                HostClock((int)clock, out long now);
                long left = Math.Max(0, deadline - now);
                timeout[0] = left / NanosPerSecond;
                timeout[1] = left % NanosPerSecond;
            }
            int ready;
            // SAFETY: `all` is pinned for the call; ppoll reads and writes its elements only.
            fixed (PollFd* p = all) ready = HostLibC.Ppoll(p, (ulong)all.Length, infinite ? null : timeout, null);
            if (ready < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == HostLibC.EINTR) continue;
                return -errno;
            }
            if (all[^1].Revents != 0)
            {
                t.DrainWake();
                ready--;
            }
            all.AsSpan(0, fds.Length).CopyTo(fds);
            if (ready > 0) return ready;
            if (ready == 0 && all[^1].Revents == 0) return 0;
        }
    }

    /// <summary>
    /// ppoll on guest fds: device and console fds are polled on the host, others get POLLNVAL. With
    /// a sigmask the thread's mask is replaced for the wait, as Linux does: a signal it unblocks
    /// ends the wait with EINTR and is delivered before the old mask comes back.
    /// </summary>
    private long Ppoll(GuestThread t, ulong fdsAddress, ulong count, ulong timeoutAddress, ulong sigmaskAddress, ulong sigsetSize)
    {
        if (count > 1024) return -Errno.EINVAL;
        long deadline = long.MaxValue;
        if (timeoutAddress != 0)
        {
            long r = ReadTimespec(timeoutAddress, out long ns);
            if (r < 0) return r;
            HostClock((int)SleepClock.Monotonic, out long now);
            deadline = SaturatingAdd(now, ns);
        }
        var guest = new byte[count * 8];
        Memory.Read(fdsAddress, guest);
        Memory.Check(fdsAddress, count * 8, write: true);
        var fds = new PollFd[count];
        int invalid = 0;
        for (int i = 0; i < (int)count; i++)
        {
            int fd = BinaryPrimitives.ReadInt32LittleEndian(guest.AsSpan(i * 8));
            short events = BinaryPrimitives.ReadInt16LittleEndian(guest.AsSpan(i * 8 + 4));
            int host = fd < 0 ? -1 : fd is 1 or 2 ? HostFd((ulong)fd, write: true) : HostFd((ulong)fd, write: false);
            if (fd >= 0 && host < 0) invalid++;
            fds[i] = new PollFd { Fd = host, Events = events };
        }
        if (sigmaskAddress != 0)
        {
            if (sigsetSize != 8) return -Errno.EINVAL;
            t.BeginTemporaryMask(Memory.ReadUInt64(sigmaskAddress));
        }
        long result = invalid > 0 ? WaitHost(t, fds, 0, SleepClock.Monotonic) : WaitHost(t, fds, deadline, SleepClock.Monotonic);
        if (sigmaskAddress != 0) t.EndTemporaryMask(interrupted: result == -Errno.EINTR);
        if (result < 0) return result;
        int readyCount = 0;
        for (int i = 0; i < (int)count; i++)
        {
            int fd = BinaryPrimitives.ReadInt32LittleEndian(guest.AsSpan(i * 8));
            short revents = fd >= 0 && fds[i].Fd < 0 ? PollFd.Invalid : fds[i].Revents;
            BinaryPrimitives.WriteInt16LittleEndian(guest.AsSpan(i * 8 + 6), revents);
            if (revents != 0) readyCount++;
        }
        Memory.Write(fdsAddress, guest);
        return readyCount;
    }
}
