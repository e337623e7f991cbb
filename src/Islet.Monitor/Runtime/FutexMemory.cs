using Islet.Monitor.Loader;
using Islet.Monitor.Threads;
using Islet.Monitor.Vm;

namespace Islet.Monitor.Runtime;

/// <summary>The futex table's view of guest memory: atomic 32-bit accesses through the checked accessor.</summary>
internal sealed class FutexMemory(GuestMemorySystem memory) : IFutexMemory
{
    public bool TryLoad(ulong address, out uint value)
    {
        try
        {
            value = (uint)Volatile.Read(ref memory.Word(address, write: false));
            return true;
        }
        catch (GuestMemoryFaultException)
        {
            value = 0;
            return false;
        }
    }

    public bool TryStore(ulong address, uint value)
    {
        try
        {
            Volatile.Write(ref memory.Word(address, write: true), (int)value);
            return true;
        }
        catch (GuestMemoryFaultException)
        {
            return false;
        }
    }

    public bool TryCompareExchange(ulong address, uint expected, uint desired, out uint actual)
    {
        try
        {
            actual = (uint)Interlocked.CompareExchange(ref memory.Word(address, write: true), (int)desired, (int)expected);
            return true;
        }
        catch (GuestMemoryFaultException)
        {
            actual = 0;
            return false;
        }
    }

    public bool TryRead(ulong address, Span<byte> destination)
    {
        try
        {
            memory.Read(address, destination);
            return true;
        }
        catch (GuestMemoryFaultException)
        {
            return false;
        }
    }
}
