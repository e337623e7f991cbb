using System.Buffers.Binary;
using Islet.Monitor.Threads;

namespace Islet.Monitor.Tests.Threads;

/// <summary>"Guest memory" for futex tests: an int[] at <see cref="Base"/>, accessed with Interlocked.</summary>
internal sealed class ArrayFutexMemory(int words) : IFutexMemory
{
    public const ulong Base = 0x10_0000;

    public int[] Words { get; } = new int[words];

    /// <summary>Counts TryCompareExchange calls (WAKE_OP goes through them).</summary>
    public int CompareExchanges;

    public static ulong AddressOf(int index) => Base + (ulong)index * 4;

    public ref int this[int index] => ref Words[index];

    public bool TryLoad(ulong address, out uint value)
    {
        value = 0;
        if (!TryIndex(address, out int index))
        {
            return false;
        }
        value = (uint)Volatile.Read(ref Words[index]);
        return true;
    }

    public bool TryStore(ulong address, uint value)
    {
        if (!TryIndex(address, out int index))
        {
            return false;
        }
        Volatile.Write(ref Words[index], (int)value);
        return true;
    }

    public bool TryCompareExchange(ulong address, uint expected, uint desired, out uint actual)
    {
        actual = 0;
        if (!TryIndex(address, out int index))
        {
            return false;
        }
        Interlocked.Increment(ref CompareExchanges);
        actual = (uint)Interlocked.CompareExchange(ref Words[index], (int)desired, (int)expected);
        return true;
    }

    public bool TryRead(ulong address, Span<byte> destination)
    {
        if (address < Base || address - Base + (ulong)destination.Length > (ulong)Words.Length * 4 || (address & 3) != 0)
        {
            return false;
        }
        int first = (int)((address - Base) / 4);
        for (int i = 0; i < destination.Length / 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination[(i * 4)..], Volatile.Read(ref Words[first + i]));
        }
        return true;
    }

    /// <summary>Stores a timespec at word <paramref name="index"/> (two i64, four words).</summary>
    public ulong WriteTimespec(int index, long seconds, long nanoseconds)
    {
        Words[index] = (int)seconds;
        Words[index + 1] = (int)(seconds >> 32);
        Words[index + 2] = (int)nanoseconds;
        Words[index + 3] = (int)(nanoseconds >> 32);
        return AddressOf(index);
    }

    private bool TryIndex(ulong address, out int index)
    {
        index = 0;
        if (address < Base || (address & 3) != 0 || (address - Base) / 4 >= (ulong)Words.Length)
        {
            return false;
        }
        index = (int)((address - Base) / 4);
        return true;
    }
}
