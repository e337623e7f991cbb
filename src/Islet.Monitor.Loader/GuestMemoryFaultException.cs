namespace Islet.Monitor.Loader;

/// <summary>
/// A guest memory access fell (partly) outside an <see cref="IGuestMemory"/> range, or its end
/// overflowed 64 bits. Nothing was read or written. The monitor answers EFAULT; the loader
/// checks ranges up front so that a malformed image never causes this exception.
/// </summary>
public sealed class GuestMemoryFaultException : Exception
{
    /// <summary>Creates the exception for an access of <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public GuestMemoryFaultException(ulong address, ulong length)
        : base($"Guest memory access of {length} bytes at 0x{address:X} is outside guest memory.")
    {
        Address = address;
        Length = length;
    }

    /// <summary>Creates the exception without an access description.</summary>
    public GuestMemoryFaultException() : base("Guest memory access outside guest memory.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GuestMemoryFaultException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public GuestMemoryFaultException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The first guest address of the refused access.</summary>
    public ulong Address { get; }

    /// <summary>The length of the refused access in bytes.</summary>
    public ulong Length { get; }
}
