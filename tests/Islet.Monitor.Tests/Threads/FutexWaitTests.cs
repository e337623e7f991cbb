using Islet.Monitor.Threads;
using static Islet.Monitor.Tests.Threads.FutexTestThreads;

namespace Islet.Monitor.Tests.Threads;

public sealed class FutexWaitTests
{
    private const int Wait = (int)FutexCommand.Wait;
    private const int WaitBitset = (int)FutexCommand.WaitBitset;
    private const int Private = FutexTable.PrivateFlag;
    private const int Realtime = FutexTable.ClockRealtimeFlag;

    private readonly FutexTable _table = new();
    private readonly ArrayFutexMemory _memory = new(64);
    private readonly FutexWaiter _waiter = new();
    private readonly ulong _word = ArrayFutexMemory.AddressOf(0);

    private long Invoke(int op, ulong uaddr, uint val, ulong timeout = 0, uint val3 = 0) =>
        _table.Invoke(_waiter, _memory, uaddr, op, val, timeout, 0, val3);

    [Fact]
    public void Returns_eagain_when_the_word_differs()
    {
        _memory[0] = 7;
        Assert.Equal(-FutexErrno.EAGAIN, Invoke(Wait | Private, _word, 6));
        Assert.Equal(0, _table.CountWaiters(_word));
    }

    [Fact]
    public void Returns_einval_for_a_misaligned_address()
    {
        Assert.Equal(-FutexErrno.EINVAL, Invoke(Wait, _word + 2, 0));
        Assert.Equal(-FutexErrno.EINVAL, _table.Wake(_word + 1, 1));
    }

    [Fact]
    public void Returns_efault_when_the_word_is_unmapped()
    {
        Assert.Equal(-FutexErrno.EFAULT, Invoke(Wait, 0x1000, 0));
    }

    [Fact]
    public void Returns_einval_for_a_zero_bitset()
    {
        Assert.Equal(-FutexErrno.EINVAL, Invoke(WaitBitset, _word, 0, 0, val3: 0));
        Assert.Equal(-FutexErrno.EINVAL, _table.Wake(_word, 1, bitset: 0));
    }

    [Theory]
    [InlineData(0, 1_000_000_000)]
    [InlineData(0, -1)]
    [InlineData(-1, 0)]
    public void Returns_einval_for_a_bad_timespec(long seconds, long nanoseconds)
    {
        ulong timeout = _memory.WriteTimespec(8, seconds, nanoseconds);
        Assert.Equal(-FutexErrno.EINVAL, Invoke(Wait, _word, 0, timeout));
        Assert.Equal(-FutexErrno.EINVAL, Invoke(WaitBitset, _word, 0, timeout, FutexTable.BitsetMatchAny));
    }

    [Fact]
    public void Returns_efault_when_the_timespec_is_unmapped()
    {
        Assert.Equal(-FutexErrno.EFAULT, Invoke(Wait, _word, 0, 0x2000));
    }

    [Fact]
    public void Times_out_after_a_relative_timeout()
    {
        ulong timeout = _memory.WriteTimespec(8, 0, 20_000_000);
        Assert.Equal(-FutexErrno.ETIMEDOUT, Invoke(Wait | Private, _word, 0, timeout));
        Assert.Equal(0, _table.CountWaiters(_word));
    }

    [Fact]
    public void Times_out_at_once_with_a_zero_timeout()
    {
        ulong timeout = _memory.WriteTimespec(8, 0, 0);
        Assert.Equal(-FutexErrno.ETIMEDOUT, Invoke(Wait, _word, 0, timeout));
    }

    [Fact]
    public void Checks_the_value_before_the_timeout()
    {
        _memory[0] = 1;
        ulong timeout = _memory.WriteTimespec(8, 0, 0);
        Assert.Equal(-FutexErrno.EAGAIN, Invoke(Wait, _word, 0, timeout));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Wait_bitset_timeouts_are_absolute_on_the_chosen_clock(bool realtime)
    {
        var clock = new ManualFutexClock();
        var table = new FutexTable(clock);
        long now = realtime ? clock.RealtimeNanoseconds : clock.MonotonicNanoseconds;
        // One second in the past of the chosen clock, far in the future of the other one.
        long past = now - 1_000_000_000;
        ulong timeout = _memory.WriteTimespec(8, past / 1_000_000_000, past % 1_000_000_000);
        int op = WaitBitset | (realtime ? Realtime : 0);
        Assert.Equal(-FutexErrno.ETIMEDOUT, table.Invoke(_waiter, _memory, _word, op, 0, timeout, 0, FutexTable.BitsetMatchAny));
    }

    [Fact]
    public void Wait_bitset_times_out_at_an_absolute_monotonic_deadline()
    {
        long deadline = SystemFutexClock.Instance.MonotonicNanoseconds + 20_000_000;
        ulong timeout = _memory.WriteTimespec(8, deadline / 1_000_000_000, deadline % 1_000_000_000);
        Assert.Equal(-FutexErrno.ETIMEDOUT, Invoke(WaitBitset | Private, _word, 0, timeout, 1));
    }

    [Fact]
    public void Relative_timeouts_start_from_the_clock_now()
    {
        var clock = new ManualFutexClock();
        ulong timeout = _memory.WriteTimespec(8, 3, 500);
        Assert.Equal(0, GuestTimespec.TryReadDeadline(_memory, timeout, absolute: false, realtime: false, clock, out FutexDeadline deadline));
        Assert.Equal(FutexDeadline.Monotonic(clock.MonotonicNanoseconds + 3_000_000_500), deadline);
        Assert.Equal(0, GuestTimespec.TryReadDeadline(_memory, 0, absolute: true, realtime: true, clock, out deadline));
        Assert.True(deadline.IsInfinite);
    }

    [Fact]
    public void Huge_timeouts_saturate_instead_of_wrapping()
    {
        ulong timeout = _memory.WriteTimespec(8, long.MaxValue, 999_999_999);
        Assert.Equal(0, GuestTimespec.TryReadDeadline(_memory, timeout, absolute: false, realtime: false, new ManualFutexClock(), out FutexDeadline deadline));
        Assert.Equal(long.MaxValue, deadline.Nanoseconds);
    }

    [Fact]
    public void A_wake_ends_the_wait_with_zero()
    {
        Task<long> waiting = StartWait(_table, _memory, 0, 0);
        AwaitWaiters(_table, _word, 1);
        AssertBlocked(waiting);
        Assert.Equal(1, _table.Invoke(_waiter, _memory, _word, (int)FutexCommand.Wake | Private, 1, 0, 0, 0));
        Assert.Equal(0, Result(waiting));
        Assert.Equal(0, _table.CountWaiters(_word));
    }

    [Theory]
    [InlineData((int)FutexCommand.Fd)]
    [InlineData((int)FutexCommand.LockPi)]
    [InlineData((int)FutexCommand.UnlockPi)]
    [InlineData((int)FutexCommand.TrylockPi)]
    [InlineData((int)FutexCommand.WaitRequeuePi)]
    [InlineData((int)FutexCommand.CmpRequeuePi)]
    [InlineData((int)FutexCommand.LockPi2)]
    [InlineData(14)]
    [InlineData(127)]
    [InlineData((int)FutexCommand.Wake | Realtime)]
    [InlineData((int)FutexCommand.Requeue | Realtime)]
    public void Answers_enosys_for_unimplemented_operations(int op)
    {
        Assert.Equal(-FutexErrno.ENOSYS, Invoke(op, _word, 1));
    }

    [Fact]
    public void A_waiter_cannot_be_in_two_waits()
    {
        Task<long> waiting = StartWait(_table, _memory, 0, 0, _waiter);
        AwaitWaiters(_table, _word, 1);
        Assert.Throws<InvalidOperationException>(() => _table.Wait(_waiter, _memory, _word, 0, FutexDeadline.Infinite));
        _table.Wake(_word, 1);
        Assert.Equal(0, Result(waiting));
    }
}
