using Islet.Monitor.Loader;

namespace Islet.Monitor.Signals.Internal;

/// <summary>Guest memory accesses that report a fault as false instead of an exception (EFAULT paths).</summary>
internal static class GuestAccess
{
    public static bool TryRead(IGuestMemory memory, ulong address, Span<byte> destination)
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

    public static bool TryWrite(IGuestMemory memory, ulong address, ReadOnlySpan<byte> source)
    {
        try
        {
            memory.Write(address, source);
            return true;
        }
        catch (GuestMemoryFaultException)
        {
            return false;
        }
    }
}
