using System.Collections.Immutable;
using Islet.Abi.Internal;

namespace Islet.Abi.Seccomp;

/// <summary>
/// Compiles the <see cref="AbiTable"/> for one image into a seccomp-BPF program whose answer
/// to every (arch, nr, args) equals <see cref="AbiTable.Evaluate"/>.
/// </summary>
/// <remarks>
/// Layout: check seccomp_data.arch (kill unless x86-64), load nr and kill the x32 ABI
/// (nr &gt;= 0x40000000 unsigned), then a balanced binary search over the table's numbers
/// (JGE), ending in one JEQ per entry; each entry's constraints follow it inline and end in
/// RET. A 64-bit argument is compared as two 32-bit words (high word at args[i] + 4, low at
/// args[i] + 0 on little-endian x86-64). Branches further than 255 instructions get a long
/// jump (<see cref="BpfAssembler"/>).
/// </remarks>
public static class SeccompCompiler
{
    /// <summary>SECCOMP_RET_KILL_PROCESS.</summary>
    public const uint ReturnKillProcess = 0x8000_0000;

    /// <summary>SECCOMP_RET_ERRNO; the errno goes in the low 16 bits (SECCOMP_RET_DATA).</summary>
    public const uint ReturnErrno = 0x0005_0000;

    /// <summary>SECCOMP_RET_ALLOW.</summary>
    public const uint ReturnAllow = 0x7FFF_0000;

    /// <summary>Offset of seccomp_data.nr.</summary>
    public const uint NumberOffset = 0;

    /// <summary>Offset of seccomp_data.arch.</summary>
    public const uint ArchOffset = 4;

    /// <summary>Offset of seccomp_data.args[0]; args[i] is at 16 + 8i.</summary>
    public const uint ArgsOffset = 16;

    /// <summary>Compiles the ABI table for <paramref name="context"/>.</summary>
    public static SeccompProgram Compile(AbiContext context) => Compile(AbiTable.Entries, context);

    /// <summary>Compiles <paramref name="entries"/> (sorted by number, numbers unique) for <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">If the entries are unsorted, repeat a number, or a verdict is KillProcess.</exception>
    /// <exception cref="InvalidOperationException">If the program would exceed <see cref="SeccompProgram.MaxInstructions"/>.</exception>
    public static SeccompProgram Compile(ImmutableArray<AbiEntry> entries, AbiContext context) =>
        Compile(entries, context, SyscallVerdict.NotImplemented);

    // As above, with `absent` the answer for numbers not in the table (ENOSYS for the image's
    // allow-list; Allow for the launcher's deny-list).
    internal static SeccompProgram Compile(ImmutableArray<AbiEntry> entries, AbiContext context, SyscallVerdict absent)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (absent.Kind == SyscallVerdictKind.KillProcess) throw new ArgumentException("Absent numbers may not kill.", nameof(absent));
        for (int i = 0; i < entries.Length; i++)
        {
            if (i > 0 && entries[i].Number <= entries[i - 1].Number)
                throw new ArgumentException("Entries must be sorted by number without repeats.", nameof(entries));
            if (entries[i].Number < 0 || (uint)entries[i].Number >= AbiTable.X32SyscallBit)
                throw new ArgumentException($"Entry {entries[i].Name} has a number outside the x86-64 range.", nameof(entries));
            if (entries[i].Verdict.Kind == SyscallVerdictKind.KillProcess || entries[i].Otherwise.Kind == SyscallVerdictKind.KillProcess)
                throw new ArgumentException($"Entry {entries[i].Name} may not kill.", nameof(entries));
        }

        var asm = new BpfAssembler();
        int kill = asm.NewLabel();
        asm.LoadWord(ArchOffset);
        asm.Branch(BpfInstruction.JumpIfEqual, AbiTable.AuditArchX86_64, asm.Next(), kill);
        asm.LoadWord(NumberOffset);
        int dispatch = asm.NewLabel();
        asm.Branch(BpfInstruction.JumpIfGreaterOrEqual, AbiTable.X32SyscallBit, kill, dispatch);
        asm.Bind(kill);
        asm.Return(ReturnKillProcess);
        asm.Bind(dispatch);
        if (entries.IsEmpty) asm.Return(Encode(absent));
        else EmitSearch(asm, entries.AsSpan(), context, absent);

        ImmutableArray<BpfInstruction> program = asm.Link();
        if (program.Length > SeccompProgram.MaxInstructions)
            throw new InvalidOperationException($"The filter needs {program.Length} instructions; the kernel accepts {SeccompProgram.MaxInstructions}.");
        return new SeccompProgram(program);
    }

    /// <summary>The seccomp return value for <paramref name="verdict"/>.</summary>
    public static uint Encode(SyscallVerdict verdict) => verdict.Kind switch
    {
        SyscallVerdictKind.Allow => ReturnAllow,
        SyscallVerdictKind.KillProcess => ReturnKillProcess,
        _ => ReturnErrno | (uint)verdict.ErrorNumber,
    };

    // A is nr. Splits on the middle entry's number until one entry is left.
    private static void EmitSearch(BpfAssembler asm, ReadOnlySpan<AbiEntry> entries, AbiContext context, SyscallVerdict absent)
    {
        if (entries.Length == 1)
        {
            AbiEntry entry = entries[0];
            int notThis = asm.NewLabel();
            asm.Branch(BpfInstruction.JumpIfEqual, (uint)entry.Number, asm.Next(), notThis);
            EmitEntry(asm, entry, context);
            asm.Bind(notThis);
            asm.Return(Encode(absent));
            return;
        }
        int middle = entries.Length / 2;
        int upper = asm.NewLabel();
        asm.Branch(BpfInstruction.JumpIfGreaterOrEqual, (uint)entries[middle].Number, upper, asm.Next());
        EmitSearch(asm, entries[..middle], context, absent);
        asm.Bind(upper);
        EmitSearch(asm, entries[middle..], context, absent);
    }

    private static void EmitEntry(BpfAssembler asm, AbiEntry entry, AbiContext context)
    {
        if (!entry.IsConstrained)
        {
            asm.Return(Encode(entry.Verdict));
            return;
        }
        foreach (ImmutableArray<ArgumentConstraint> set in entry.When)
        {
            int nextSet = asm.NewLabel();
            foreach (ArgumentConstraint constraint in set)
                ArgumentCheckEmitter.Emit(asm, constraint, constraint.Value.Resolve(context), nextSet);
            asm.Return(Encode(entry.Verdict));
            asm.Bind(nextSet);
        }
        asm.Return(Encode(entry.Otherwise));
    }
}
