using System.Buffers.Binary;

namespace Islet.Monitor.Signals;

/// <summary>
/// One signal's action: the kernel's struct sigaction for rt_sigaction on x86-64, which is laid
/// out as handler (u64), flags (u64), restorer (u64), mask (u64) – 32 bytes, unlike the C
/// library's struct.
/// </summary>
/// <param name="Handler">The handler's address, or <see cref="Default"/> / <see cref="Ignore"/>.</param>
/// <param name="Flags">The SA_* flags.</param>
/// <param name="Restorer">The return trampoline (calls rt_sigreturn) when <see cref="SignalActionFlags.Restorer"/> is set.</param>
/// <param name="Mask">The signals blocked while the handler runs, besides the signal itself.</param>
public readonly record struct SignalAction(ulong Handler, SignalActionFlags Flags, ulong Restorer, SignalSet Mask)
{
    /// <summary>SIG_DFL: the signal's default action.</summary>
    public const ulong Default = 0;

    /// <summary>SIG_IGN: discard the signal.</summary>
    public const ulong Ignore = 1;

    /// <summary>The size of the kernel's struct sigaction on x86-64.</summary>
    public const int Size = 32;

    /// <summary>Whether the handler is a function (neither SIG_DFL nor SIG_IGN).</summary>
    public bool HasHandler => Handler is not (Default or Ignore);

    /// <summary>Reads the kernel layout from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static SignalAction Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(source),
        (SignalActionFlags)BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[16..]),
        new SignalSet(BinaryPrimitives.ReadUInt64LittleEndian(source[24..])));

    /// <summary>Writes the kernel layout into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Handler);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], (ulong)Flags);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Restorer);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Mask.Bits);
    }
}
