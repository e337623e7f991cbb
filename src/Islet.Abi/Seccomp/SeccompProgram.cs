using System.Collections.Immutable;

namespace Islet.Abi.Seccomp;

/// <summary>
/// A compiled seccomp filter: the instructions for <c>struct sock_fprog</c>, ready for
/// <c>seccomp(SECCOMP_SET_MODE_FILTER, 0, &amp;prog)</c>. Immutable.
/// </summary>
public sealed class SeccompProgram
{
    /// <summary>BPF_MAXINSNS: the kernel refuses longer classic programs.</summary>
    public const int MaxInstructions = 4096;

    internal SeccompProgram(ImmutableArray<BpfInstruction> instructions)
    {
        Instructions = instructions;
        LongestPath = MeasureLongestPath(instructions);
    }

    /// <summary>The instructions, in order.</summary>
    public ImmutableArray<BpfInstruction> Instructions { get; }

    /// <summary>The number of instructions (the <c>len</c> of sock_fprog). O(1).</summary>
    public int InstructionCount => Instructions.Length;

    /// <summary>The most instructions any single run of the filter executes.</summary>
    public int LongestPath { get; }

    /// <summary>The size of the encoded program in bytes.</summary>
    public int ByteLength => Instructions.Length * BpfInstruction.Size;

    /// <summary>The program as consecutive 8-byte sock_filter records.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[ByteLength];
        TryWrite(bytes, out _);
        return bytes;
    }

    /// <summary>Writes the encoded program; false (and nothing written) if <paramref name="destination"/> is too short.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < ByteLength) return false;
        for (int i = 0; i < Instructions.Length; i++)
            Instructions[i].WriteTo(destination[(i * BpfInstruction.Size)..]);
        written = ByteLength;
        return true;
    }

    /// <summary>"N instructions, longest path M".</summary>
    public override string ToString() => $"{InstructionCount} instructions, longest path {LongestPath}";

    // Every jump goes forward, so one backward pass gives the longest path to a return.
    private static int MeasureLongestPath(ImmutableArray<BpfInstruction> program)
    {
        var longest = new int[program.Length + 1];
        for (int pc = program.Length - 1; pc >= 0; pc--)
        {
            BpfInstruction insn = program[pc];
            longest[pc] = 1 + insn.Code switch
            {
                BpfInstruction.ReturnConstant => 0,
                BpfInstruction.JumpAlways => longest[pc + 1 + (int)insn.K],
                BpfInstruction.LoadWordAbsolute or BpfInstruction.AndConstant => longest[pc + 1],
                _ => Math.Max(longest[pc + 1 + insn.Jt], longest[pc + 1 + insn.Jf]),
            };
        }
        return program.IsEmpty ? 0 : longest[0];
    }
}
