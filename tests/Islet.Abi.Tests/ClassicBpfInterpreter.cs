using System.Buffers.Binary;

namespace Islet.Abi.Tests;

/// <summary>
/// A strict classic-BPF interpreter for seccomp programs, written from the kernel's
/// description (Documentation/networking/filter.rst), independent of the compiler's
/// constants. It knows only LD|W|ABS, ALU AND K, JA, JEQ/JGT/JGE/JSET with K and RET K,
/// and throws on any other opcode, a jump past the end, a load outside seccomp_data, or
/// running off the end without a return.
/// </summary>
internal static class ClassicBpfInterpreter
{
    private const int SeccompDataSize = 64; // nr, arch, instruction_pointer, args[6]

    public static uint Run(ReadOnlySpan<byte> program, int nr, uint arch, ReadOnlySpan<ulong> args)
    {
        Span<byte> data = stackalloc byte[SeccompDataSize];
        BinaryPrimitives.WriteInt32LittleEndian(data, nr);
        BinaryPrimitives.WriteUInt32LittleEndian(data[4..], arch);
        BinaryPrimitives.WriteUInt64LittleEndian(data[8..], 0x0000_7f00_dead_beef);
        for (int i = 0; i < 6; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(data[(16 + 8 * i)..], i < args.Length ? args[i] : 0);

        if (program.Length % 8 != 0) throw new InvalidDataException("Program length is not a multiple of 8.");
        int count = program.Length / 8;
        uint a = 0;
        int pc = 0;
        while (true)
        {
            if (pc >= count) throw new InvalidDataException($"Ran off the end at {pc}.");
            ReadOnlySpan<byte> insn = program.Slice(pc * 8, 8);
            ushort code = BinaryPrimitives.ReadUInt16LittleEndian(insn);
            byte jt = insn[2], jf = insn[3];
            uint k = BinaryPrimitives.ReadUInt32LittleEndian(insn[4..]);
            switch (code)
            {
                case 0x20: // ld [k]
                    if (k % 4 != 0 || k > SeccompDataSize - 4) throw new InvalidDataException($"Bad load offset {k} at {pc}.");
                    a = BinaryPrimitives.ReadUInt32LittleEndian(data[(int)k..]);
                    pc++;
                    break;
                case 0x54: // and #k
                    a &= k;
                    pc++;
                    break;
                case 0x05: // ja k
                    pc = Jump(pc, k, count);
                    break;
                case 0x15: pc = Jump(pc, a == k ? jt : jf, count); break;
                case 0x25: pc = Jump(pc, a > k ? jt : jf, count); break;
                case 0x35: pc = Jump(pc, a >= k ? jt : jf, count); break;
                case 0x45: pc = Jump(pc, (a & k) != 0 ? jt : jf, count); break;
                case 0x06: return k;
                default: throw new InvalidDataException($"Opcode 0x{code:x} at {pc} is not one the compiler may emit.");
            }
        }
    }

    private static int Jump(int pc, uint offset, int count)
    {
        long target = pc + 1L + offset;
        if (target >= count) throw new InvalidDataException($"Jump from {pc} by {offset} leaves the program.");
        return (int)target;
    }

    /// <summary>The table's verdict encoded as seccomp would return it (written independently of the compiler).</summary>
    public static uint Expected(SyscallVerdict verdict) => verdict.Kind switch
    {
        SyscallVerdictKind.Allow => 0x7fff0000u,
        SyscallVerdictKind.KillProcess => 0x80000000u,
        _ => 0x00050000u | (uint)verdict.ErrorNumber,
    };
}
