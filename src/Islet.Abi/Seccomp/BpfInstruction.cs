using System.Buffers.Binary;

namespace Islet.Abi.Seccomp;

/// <summary>
/// One classic BPF instruction, laid out as the kernel's <c>struct sock_filter</c>
/// (u16 code, u8 jt, u8 jf, u32 k; 8 bytes, little-endian on x86-64). Conditional jumps are
/// forward only: the next instruction is <c>pc + 1 + jt</c> or <c>pc + 1 + jf</c>.
/// </summary>
public readonly record struct BpfInstruction(ushort Code, byte Jt, byte Jf, uint K)
{
    /// <summary>The size of one instruction in bytes.</summary>
    public const int Size = 8;

    /// <summary>BPF_LD | BPF_W | BPF_ABS: A = 32-bit word of seccomp_data at offset K.</summary>
    public const ushort LoadWordAbsolute = 0x20;

    /// <summary>BPF_ALU | BPF_AND | BPF_K: A &amp;= K.</summary>
    public const ushort AndConstant = 0x54;

    /// <summary>BPF_JMP | BPF_JA: pc += 1 + K (unconditional, 32-bit offset).</summary>
    public const ushort JumpAlways = 0x05;

    /// <summary>BPF_JMP | BPF_JEQ | BPF_K: A == K.</summary>
    public const ushort JumpIfEqual = 0x15;

    /// <summary>BPF_JMP | BPF_JGT | BPF_K: A &gt; K (unsigned).</summary>
    public const ushort JumpIfGreater = 0x25;

    /// <summary>BPF_JMP | BPF_JGE | BPF_K: A &gt;= K (unsigned).</summary>
    public const ushort JumpIfGreaterOrEqual = 0x35;

    /// <summary>BPF_JMP | BPF_JSET | BPF_K: (A &amp; K) != 0.</summary>
    public const ushort JumpIfAnySet = 0x45;

    /// <summary>BPF_RET | BPF_K: return K.</summary>
    public const ushort ReturnConstant = 0x06;

    /// <summary>Writes the 8-byte <c>sock_filter</c> encoding into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">If <paramref name="destination"/> is shorter than 8 bytes.</exception>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException("Needs 8 bytes.", nameof(destination));
        BinaryPrimitives.WriteUInt16LittleEndian(destination, Code);
        destination[2] = Jt;
        destination[3] = Jf;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], K);
    }

    /// <summary>Reads one instruction from the first 8 bytes of <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">If <paramref name="source"/> is shorter than 8 bytes.</exception>
    public static BpfInstruction ReadFrom(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size) throw new ArgumentException("Needs 8 bytes.", nameof(source));
        return new BpfInstruction(
            BinaryPrimitives.ReadUInt16LittleEndian(source), source[2], source[3],
            BinaryPrimitives.ReadUInt32LittleEndian(source[4..]));
    }
}
