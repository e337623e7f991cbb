using Islet.Monitor.Threads;
using static Islet.Monitor.Tests.Threads.FutexTestThreads;

namespace Islet.Monitor.Tests.Threads;

public sealed class FutexWakeOpTests
{
    private readonly FutexTable _table = new();
    private readonly ArrayFutexMemory _memory = new(16);
    private readonly ulong _first = ArrayFutexMemory.AddressOf(0);
    private readonly ulong _second = ArrayFutexMemory.AddressOf(1);

    [Theory]
    [InlineData(FutexWakeOp.Set, 5, 3, 5u)]
    [InlineData(FutexWakeOp.Add, 5, 3, 8u)]
    [InlineData(FutexWakeOp.Add, -1, 3, 2u)]
    [InlineData(FutexWakeOp.Or, 4, 3, 7u)]
    [InlineData(FutexWakeOp.AndNot, 1, 3, 2u)]
    [InlineData(FutexWakeOp.Xor, 6, 3, 5u)]
    [InlineData(FutexWakeOp.Set | FutexWakeOp.OperandShift, 4, 3, 16u)]
    [InlineData(FutexWakeOp.Or | FutexWakeOp.OperandShift, 31, 0, 0x8000_0000u)]
    public void Applies_the_operation_to_the_second_word(int operation, int operand, int initial, uint expected)
    {
        _memory[1] = initial;
        uint encoded = FutexWakeOp.Encode(operation, operand, FutexWakeOp.Equal, 0);
        Assert.Equal(0, _table.WakeOp(_memory, _first, _second, 1, 1, encoded));
        Assert.Equal(expected, (uint)_memory[1]);
    }

    [Fact]
    public void Decodes_signed_twelve_bit_fields()
    {
        // glibc's FUTEX_OP_CLEAR_WAKE_IF_GT_ONE: set 0, wake the second if the old value was > 1.
        FutexWakeOp op = FutexWakeOp.Decode(FutexWakeOp.Encode(FutexWakeOp.Set, 0, FutexWakeOp.Greater, 1));
        Assert.Equal(new FutexWakeOp(FutexWakeOp.Set, FutexWakeOp.Greater, 0, 1), op);
        Assert.Equal(new FutexWakeOp(FutexWakeOp.Add, FutexWakeOp.Less, -2048, -1), FutexWakeOp.Decode(0x12_800_fffu));
    }

    [Theory]
    [InlineData(FutexWakeOp.Equal, 2, 2, true)]
    [InlineData(FutexWakeOp.Equal, 2, 3, false)]
    [InlineData(FutexWakeOp.NotEqual, 2, 3, true)]
    [InlineData(FutexWakeOp.Less, -1, 0, true)]
    [InlineData(FutexWakeOp.LessOrEqual, 0, 0, true)]
    [InlineData(FutexWakeOp.Greater, -1, 0, false)]
    [InlineData(FutexWakeOp.Greater, 0, -1, true)]
    [InlineData(FutexWakeOp.GreaterOrEqual, 1, 1, true)]
    public void Wakes_on_the_second_word_only_when_the_comparison_holds(int comparison, int old, int argument, bool wakesSecond)
    {
        _memory[1] = old;
        Task<long> onFirst = StartWait(_table, _memory, 0, 0);
        Task<long> onSecond = StartWait(_table, _memory, 1, (uint)old);
        AwaitWaiters(_table, _first, 1);
        AwaitWaiters(_table, _second, 1);
        var caller = new FutexWaiter();
        uint encoded = FutexWakeOp.Encode(FutexWakeOp.Add, 0, comparison, argument);
        long woken = _table.Invoke(caller, _memory, _first, (int)FutexCommand.WakeOp | FutexTable.PrivateFlag, 1, 1, _second, encoded);
        Assert.Equal(wakesSecond ? 2 : 1, woken);
        Assert.Equal(0, Result(onFirst));
        Assert.Equal(wakesSecond ? 0 : 1, _table.CountWaiters(_second));
        _table.Wake(_second, 1);
        Assert.Equal(0, Result(onSecond));
    }

    [Fact]
    public void An_unknown_operation_is_enosys_and_leaves_the_word()
    {
        _memory[1] = 3;
        Assert.Equal(-FutexErrno.ENOSYS, _table.WakeOp(_memory, _first, _second, 1, 1, FutexWakeOp.Encode(5, 1, FutexWakeOp.Equal, 0)));
        Assert.Equal(3, _memory[1]);
    }

    [Fact]
    public void An_unknown_comparison_is_enosys_after_the_update_as_in_linux()
    {
        _memory[1] = 3;
        Assert.Equal(-FutexErrno.ENOSYS, _table.WakeOp(_memory, _first, _second, 1, 1, FutexWakeOp.Encode(FutexWakeOp.Add, 1, 6, 0)));
        Assert.Equal(4, _memory[1]);
    }

    [Fact]
    public void Faults_and_misalignment_are_reported()
    {
        uint encoded = FutexWakeOp.Encode(FutexWakeOp.Set, 0, FutexWakeOp.Equal, 0);
        Assert.Equal(-FutexErrno.EFAULT, _table.WakeOp(_memory, _first, 0x1000, 1, 1, encoded));
        Assert.Equal(-FutexErrno.EINVAL, _table.WakeOp(_memory, _first + 1, _second, 1, 1, encoded));
        Assert.Equal(-FutexErrno.EINVAL, _table.WakeOp(_memory, _first, _second + 2, 1, 1, encoded));
    }

    [Fact]
    public void The_update_is_atomic_under_concurrent_wake_ops()
    {
        uint add = FutexWakeOp.Encode(FutexWakeOp.Add, 1, FutexWakeOp.Equal, 0);
        Task<long>[] adders = [.. Enumerable.Range(0, 4).Select(_ => Start(() =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                _table.WakeOp(_memory, _first, ArrayFutexMemory.AddressOf(2 + (i & 1) * 8), 1, 1, add);
            }
            return 0;
        }))];
        // Guest code racing on the same words with plain atomic increments.
        for (int i = 0; i < 2_000; i++)
        {
            Interlocked.Increment(ref _memory[2]);
            Interlocked.Increment(ref _memory[10]);
        }
        Assert.All(adders, a => Result(a));
        Assert.Equal(6_000, _memory[2]);
        Assert.Equal(6_000, _memory[10]);
    }
}
