using System.Collections.Immutable;
using Islet.Abi.Seccomp;

namespace Islet.Abi.Tests;

public class SeccompLongJumpTests
{
    // 125 entries with several alternatives each put the search tree's targets thousands of
    // instructions apart, so the compiler must insert long jumps.
    private static ImmutableArray<AbiEntry> LargeTable(int step)
    {
        var random = new Random(7);
        var entries = ImmutableArray.CreateBuilder<AbiEntry>();
        for (int nr = 0; nr < 500; nr += step)
        {
            ImmutableArray<ArgumentConstraint>[] sets =
            [
                [ArgumentConstraint.Equal(random.Next(6), (ulong)random.NextInt64()), ArgumentConstraint.LessThan(random.Next(6), (ulong)random.NextInt64())],
                [ArgumentConstraint.AtLeast(random.Next(6), AbiOperand.FdLimit), ArgumentConstraint.MaskedEqual(random.Next(6), 0xF0F0_0000_0000_F0F0, 0x1010_0000_0000_1010)],
                [ArgumentConstraint.Equal(0, AbiOperand.ProcessId)],
            ];
            entries.Add(new AbiEntry(nr, "sys" + nr, SyscallVerdict.Allow, "test")
            {
                When = [.. sets.Take(1 + nr % 3)],
                Otherwise = SyscallVerdict.Errno(1 + nr % 100),
            });
        }
        return entries.ToImmutable();
    }

    [Fact]
    public void Long_jumps_keep_a_large_table_equivalent()
    {
        ImmutableArray<AbiEntry> table = LargeTable(4);
        var context = new AbiContext(3, 99);
        SeccompProgram program = SeccompCompiler.Compile(table, context);
        Assert.Contains(program.Instructions, i => i.Code == BpfInstruction.JumpAlways && i.K > 255);
        Assert.InRange(program.InstructionCount, 1, SeccompProgram.MaxInstructions);
        byte[] bytes = program.ToBytes();
        ulong[] values = ArgumentProbes.Values(table, context);
        var random = new Random(11);
        for (int nr = 0; nr < 520; nr++)
        {
            AbiEntry? entry = table.FirstOrDefault(e => e.Number == nr);
            foreach (ulong[] args in ArgumentProbes.Bases(entry, context))
                for (int n = 0; n < 60; n++)
                {
                    args[random.Next(6)] = values[random.Next(values.Length)];
                    SyscallVerdict expected = entry?.Evaluate(args, context) ?? SyscallVerdict.NotImplemented;
                    Assert.Equal(ClassicBpfInterpreter.Expected(expected), ClassicBpfInterpreter.Run(bytes, nr, 0xC000003E, args));
                }
        }
    }

    [Fact]
    public void Compiler_refuses_a_program_over_the_kernel_limit() =>
        Assert.Throws<InvalidOperationException>(() => SeccompCompiler.Compile(LargeTable(2), new AbiContext(3, 99)));

    [Fact]
    public void Compiler_refuses_unsorted_or_killing_entries()
    {
        var context = new AbiContext(0, 1);
        AbiEntry a = new(5, "a", SyscallVerdict.Allow, "");
        AbiEntry b = new(3, "b", SyscallVerdict.Allow, "");
        Assert.Throws<ArgumentException>(() => SeccompCompiler.Compile([a, b], context));
        Assert.Throws<ArgumentException>(() => SeccompCompiler.Compile([a, a], context));
        Assert.Throws<ArgumentException>(() => SeccompCompiler.Compile([a with { Verdict = SyscallVerdict.KillProcess }], context));
        Assert.Throws<ArgumentException>(() => SeccompCompiler.Compile([a with { Number = 0x4000_0000 }], context));
    }

    [Fact]
    public void Empty_table_answers_enosys_to_everything()
    {
        byte[] bytes = SeccompCompiler.Compile([], new AbiContext(0, 1)).ToBytes();
        Assert.Equal(0x00050026u, ClassicBpfInterpreter.Run(bytes, 0, 0xC000003E, new ulong[6]));
    }
}
