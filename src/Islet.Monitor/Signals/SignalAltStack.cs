using System.Buffers.Binary;

namespace Islet.Monitor.Signals;

/// <summary>
/// A thread's alternate signal stack, as stack_t: ss_sp (u64) at 0, ss_flags (int) at 8,
/// ss_size (u64) at 16; 24 bytes. The stack occupies <c>(Pointer, Pointer + Size]</c> as the
/// kernel's on_sig_stack counts it.
/// </summary>
/// <param name="Pointer">ss_sp: the lowest address of the stack.</param>
/// <param name="Flags">ss_flags: <see cref="OnStack"/>, <see cref="Disable"/>, <see cref="AutoDisarm"/>.</param>
/// <param name="Size">ss_size in bytes; 0 means no alternate stack.</param>
public readonly record struct SignalAltStack(ulong Pointer, int Flags, ulong Size)
{
    /// <summary>The size of stack_t.</summary>
    public const int StructSize = 24;

    /// <summary>SS_ONSTACK: (reported) the thread runs on the stack.</summary>
    public const int OnStack = 1;

    /// <summary>SS_DISABLE: no alternate stack.</summary>
    public const int Disable = 2;

    /// <summary>SS_AUTODISARM: clear the stack setting while a handler runs on it.</summary>
    public const int AutoDisarm = unchecked((int)0x8000_0000);

    /// <summary>MINSIGSTKSZ on x86: smaller stacks are refused with ENOMEM.</summary>
    public const ulong MinimumSize = 2048;

    /// <summary>The state of a thread that never called sigaltstack (and after SS_DISABLE).</summary>
    public static SignalAltStack None => new(0, Disable, 0);

    /// <summary>Whether <paramref name="rsp"/> lies on this stack, ignoring SS_AUTODISARM (__on_sig_stack).</summary>
    public bool Contains(ulong rsp) => rsp > Pointer && rsp - Pointer <= Size;

    /// <summary>Reads stack_t from the first <see cref="StructSize"/> bytes of <paramref name="source"/>.</summary>
    public static SignalAltStack Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(source),
        BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[16..]));

    /// <summary>Writes stack_t (padding zeroed) into the first <see cref="StructSize"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[..StructSize].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Pointer);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Flags);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Size);
    }
}
