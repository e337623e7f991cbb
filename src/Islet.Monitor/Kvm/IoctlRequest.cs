namespace Islet.Monitor.Kvm;

/// <summary>
/// The Linux ioctl request encoding (asm-generic/ioctl.h, used by x86): bits 0-7 are the
/// command number, 8-15 the type ("magic"), 16-29 the argument size and 30-31 the data
/// direction as seen from user space (write = user to kernel, read = kernel to user).
/// </summary>
public static class IoctlRequest
{
    private const int NumberShift = 0;
    private const int TypeShift = 8;
    private const int SizeShift = 16;
    private const int DirectionShift = 30;
    private const uint MaxSize = (1u << 14) - 1;

    private const uint None = 0;
    private const uint Write = 1;
    private const uint Read = 2;

    /// <summary><c>_IO(type, nr)</c>: a request without a data argument.</summary>
    public static uint Io(byte type, byte number) => Encode(None, type, number, 0);

    /// <summary><c>_IOR(type, nr, T)</c>: the kernel writes <paramref name="size"/> bytes to the caller.</summary>
    public static uint Ior(byte type, byte number, int size) => Encode(Read, type, number, size);

    /// <summary><c>_IOW(type, nr, T)</c>: the kernel reads <paramref name="size"/> bytes from the caller.</summary>
    public static uint Iow(byte type, byte number, int size) => Encode(Write, type, number, size);

    /// <summary><c>_IOWR(type, nr, T)</c>: data goes both ways.</summary>
    public static uint Iowr(byte type, byte number, int size) => Encode(Read | Write, type, number, size);

    /// <summary>
    /// Encodes a request.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The size does not fit the 14-bit field.</exception>
    public static uint Encode(uint direction, byte type, byte number, int size)
    {
        if ((uint)size > MaxSize) throw new ArgumentOutOfRangeException(nameof(size), size, "an ioctl argument size must fit 14 bits");
        return (direction << DirectionShift) | ((uint)size << SizeShift) | ((uint)type << TypeShift) | ((uint)number << NumberShift);
    }
}
