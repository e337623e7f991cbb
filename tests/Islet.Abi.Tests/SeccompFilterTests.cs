using Islet.Abi.Seccomp;
using Xunit.Abstractions;

namespace Islet.Abi.Tests;

public class SeccompFilterTests(ITestOutputHelper output)
{
    private const uint X86_64 = 0xC000003E;

    public static TheoryData<int, int> Contexts => new() { { 0, 4242 }, { 1, 1 }, { 4, 123456 }, { AbiContext.MaxDevices, int.MaxValue } };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Filter_matches_the_table_for_every_number_and_every_constraint_boundary(int devices, int pid)
    {
        var context = new AbiContext(devices, pid);
        byte[] program = SeccompCompiler.Compile(context).ToBytes();
        ulong[] values = ArgumentProbes.Values(AbiTable.Entries, context);
        long checkedCalls = 0;
        for (int nr = 0; nr <= 600; nr++)
        {
            AbiEntry? entry = AbiTable.Find(nr);
            foreach (ulong[] args in ArgumentProbes.Vectors(entry, context, entry is null ? [0, ulong.MaxValue] : values))
            {
                AssertSame(program, context, X86_64, (uint)nr, args);
                checkedCalls++;
            }
        }
        output.WriteLine($"{checkedCalls} calls checked");
    }

    [Theory]
    [InlineData(X86_64, 0x4000_0000u)]
    [InlineData(X86_64, 0x4000_0001u)]
    [InlineData(X86_64, 0x4000_0000u + 59)]
    [InlineData(X86_64, 0x7FFF_FFFFu)]
    [InlineData(X86_64, 0xFFFF_FFFFu)]
    [InlineData(X86_64, 0x8000_0000u)]
    [InlineData(0x4000_0003u, 1u)]   // i386
    [InlineData(0xC000_00B7u, 1u)]   // aarch64
    [InlineData(0u, 0u)]
    [InlineData(0xC000_003Fu, 1u)]
    public void Foreign_architecture_and_x32_numbers_kill(uint arch, uint nr)
    {
        var context = new AbiContext(1, 100);
        byte[] program = SeccompCompiler.Compile(context).ToBytes();
        Assert.Equal(SyscallVerdict.KillProcess, AbiTable.Evaluate(arch, nr, new ulong[6], context));
        AssertSame(program, context, arch, nr, new ulong[6]);
    }

    [Fact]
    public void Random_calls_get_the_same_verdict_from_filter_and_table()
    {
        var random = new Random(20241122);
        var context = new AbiContext(2, 31337);
        byte[] program = SeccompCompiler.Compile(context).ToBytes();
        ulong[] values = ArgumentProbes.Values(AbiTable.Entries, context);
        var args = new ulong[6];
        for (int n = 0; n < 200_000; n++)
        {
            uint nr = random.Next(10) switch
            {
                < 6 => (uint)AbiTable.Entries[random.Next(AbiTable.Entries.Length)].Number,
                < 9 => (uint)random.Next(1024),
                _ => (uint)random.NextInt64(0, 1L << 32),
            };
            uint arch = random.Next(50) == 0 ? (uint)random.NextInt64(0, 1L << 32) : X86_64;
            for (int i = 0; i < 6; i++)
                args[i] = random.Next(3) == 0 ? (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63) : values[random.Next(values.Length)];
            AssertSame(program, context, arch, nr, args);
        }
    }

    [Fact]
    public void Filter_fits_the_kernel_limit_and_reports_its_size()
    {
        SeccompProgram program = SeccompCompiler.Compile(new AbiContext(1, 1));
        output.WriteLine($"{AbiTable.Entries.Length} entries: {program.InstructionCount} instructions, longest path {program.LongestPath}");
        Assert.InRange(program.InstructionCount, 1, SeccompProgram.MaxInstructions);
        Assert.Equal(program.InstructionCount * 8, program.ToBytes().Length);
        Assert.True(program.LongestPath < 40, $"longest path {program.LongestPath}");
    }

    [Fact]
    public void Program_serialises_as_little_endian_sock_filter_records()
    {
        SeccompProgram program = SeccompCompiler.Compile(new AbiContext(1, 1));
        byte[] bytes = program.ToBytes();
        // ld [4]; jeq #0xc000003e
        Assert.Equal(new byte[] { 0x20, 0, 0, 0, 4, 0, 0, 0 }, bytes[..8]);
        Assert.Equal(new byte[] { 0x15, 0, 0, 2, 0x3e, 0, 0, 0xc0 }, bytes[8..16]);
        Assert.False(program.TryWrite(new byte[bytes.Length - 1], out int written));
        Assert.Equal(0, written);
        for (int i = 0; i < program.InstructionCount; i++)
            Assert.Equal(program.Instructions[i], BpfInstruction.ReadFrom(bytes.AsSpan(i * 8)));
    }

    private static void AssertSame(byte[] program, AbiContext context, uint arch, uint nr, ulong[] args)
    {
        uint expected = ClassicBpfInterpreter.Expected(AbiTable.Evaluate(arch, nr, args, context));
        uint actual = ClassicBpfInterpreter.Run(program, (int)nr, arch, args);
        if (expected != actual)
            Assert.Fail($"arch 0x{arch:x} nr {nr} args [{string.Join(", ", args.Select(a => "0x" + a.ToString("x")))}]: table 0x{expected:x8}, filter 0x{actual:x8}");
    }
}
