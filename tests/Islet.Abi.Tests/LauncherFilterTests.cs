using System.Collections.Immutable;
using Islet.Abi.Seccomp;
using Xunit.Abstractions;

namespace Islet.Abi.Tests;

/// <summary>The launcher's own deny-list filter (<see cref="LauncherFilter"/>), run in the strict interpreter.</summary>
public class LauncherFilterTests(ITestOutputHelper output)
{
    private const uint X86_64 = 0xC000003E;
    private const uint Allow = 0x7fff0000u, Kill = 0x80000000u, Eperm = 0x00050001u, Enosys = 0x00050026u;

    private static readonly LauncherFilterOptions s_closed = new();
    private static readonly LauncherFilterOptions s_outbound = new() { AllowOutbound = true };

    // The policy as the brief states it, written out independently of the entries.
    private static readonly (int Number, uint Answer)[] s_denied =
    [
        (59, Eperm), (322, Eperm), (57, Eperm), (58, Eperm), (101, Eperm), (310, Eperm), (311, Eperm),
        (246, Eperm), (320, Eperm), (175, Eperm), (313, Eperm), (176, Eperm), (165, Eperm), (166, Eperm),
        (155, Eperm), (161, Eperm), (272, Eperm), (308, Eperm), (321, Eperm), (298, Eperm), (323, Eperm),
        (304, Eperm), (303, Eperm), (248, Eperm), (249, Eperm), (250, Eperm), (167, Eperm), (168, Eperm),
        (169, Eperm), (163, Eperm), (172, Eperm), (173, Eperm), (135, Eperm),
        (105, Eperm), (106, Eperm), (113, Eperm), (114, Eperm), (117, Eperm), (119, Eperm), (116, Eperm),
        (122, Eperm), (123, Eperm), (126, Eperm), (179, Eperm), (212, Eperm),
        (133, Eperm), (259, Eperm), (86, Eperm), (265, Eperm), (88, Eperm), (266, Eperm), (82, Eperm),
        (264, Eperm), (316, Eperm), (87, Eperm), (263, Eperm), (84, Eperm), (83, Eperm), (258, Eperm),
        (90, Eperm), (91, Eperm), (268, Eperm), (92, Eperm), (93, Eperm), (94, Eperm), (260, Eperm), (76, Eperm),
        (85, Eperm), (438, Eperm), (425, Eperm), (426, Eperm), (427, Eperm),
        (428, Eperm), (429, Eperm), (430, Eperm), (431, Eperm), (432, Eperm), (433, Eperm), (442, Eperm), (452, Eperm),
        (435, Enosys), (437, Enosys),
    ];

    // Listed with argument constraints; the cases below test them.
    private static readonly int[] s_constrained = [2, 56, 257, 41];

    [Fact]
    public void Every_denied_number_gets_its_answer_whatever_its_arguments()
    {
        byte[] program = LauncherFilter.Compile(s_closed).ToBytes();
        foreach ((int nr, uint answer) in s_denied)
            foreach (ulong arg in new ulong[] { 0, 1, 0x1_0000, ulong.MaxValue })
                Assert.True(answer == ClassicBpfInterpreter.Run(program, nr, X86_64, [arg, arg, arg, arg, arg, arg]), $"nr {nr} arg 0x{arg:x}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_unlisted_number_up_to_600_is_allowed(bool outbound)
    {
        byte[] program = LauncherFilter.Compile(outbound ? s_outbound : s_closed).ToBytes();
        var listed = s_denied.Select(d => d.Number).Concat(s_constrained).ToHashSet();
        int allowed = 0;
        for (int nr = 0; nr <= 600; nr++)
        {
            if (listed.Contains(nr)) continue;
            foreach (ulong arg in new ulong[] { 0, 2, ulong.MaxValue })
                Assert.True(Allow == ClassicBpfInterpreter.Run(program, nr, X86_64, [arg, arg, arg, arg, arg, arg]), $"nr {nr}");
            allowed++;
        }
        output.WriteLine($"{allowed} numbers allowed; {LauncherFilter.Compile(s_closed)}");
        // ftruncate and memfd_create stay: device files were opened before, and the runtime may double-map code.
        Assert.Equal(Allow, ClassicBpfInterpreter.Run(program, 77, X86_64, [5, 0]));
        Assert.Equal(Allow, ClassicBpfInterpreter.Run(program, 319, X86_64, [0, 0]));
    }

    [Fact]
    public void Entries_are_exactly_the_stated_policy_with_kernel_names_and_reasons()
    {
        ImmutableArray<AbiEntry> entries = LauncherFilter.Entries(s_closed);
        Assert.Equal(s_denied.Select(d => d.Number).Concat(s_constrained).Order(), entries.Select(e => e.Number));
        foreach (AbiEntry entry in entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Reason), entry.Name);
            string known = LinuxSyscallNames.Name(entry.Number);
            if (!known.StartsWith("syscall_", StringComparison.Ordinal)) Assert.Equal(known, entry.Name);
        }
    }

    [Theory]
    [InlineData(2, 1)]   // open(path, flags, mode)
    [InlineData(257, 2)] // openat(dirfd, path, flags, mode)
    public void Open_is_read_only_on_the_flags_low_word(int nr, int flagsIndex)
    {
        byte[] program = LauncherFilter.Compile(s_closed).ToBytes();
        uint Open(ulong flags)
        {
            var args = new ulong[6];
            args[flagsIndex] = flags;
            if (flagsIndex == 2) args[0] = unchecked((ulong)-100); // AT_FDCWD
            return ClassicBpfInterpreter.Run(program, nr, X86_64, args);
        }
        const ulong OCloexec = 0x80000, ODirectory = 0x10000, ONonblock = 0x800;
        Assert.Equal(Allow, Open(0));
        Assert.Equal(Allow, Open(OCloexec));
        Assert.Equal(Allow, Open(OCloexec | ODirectory | ONonblock));
        Assert.Equal(Eperm, Open(0x1));              // O_WRONLY
        Assert.Equal(Eperm, Open(0x2));              // O_RDWR
        Assert.Equal(Eperm, Open(0x40));             // O_CREAT
        Assert.Equal(Eperm, Open(0x200));            // O_TRUNC
        Assert.Equal(Eperm, Open(0x400));            // O_APPEND
        Assert.Equal(Eperm, Open(0x410000 | 0x2));   // O_TMPFILE | O_RDWR
        Assert.Equal(Eperm, Open(0x3));              // O_ACCMODE
        // The kernel reads flags as int: a high word changes nothing, so it is not compared.
        Assert.Equal(Allow, Open(0xFFFF_FFFF_0000_0000 | OCloexec));
        Assert.Equal(Eperm, Open(0xFFFF_FFFF_0000_0001));
    }

    [Fact]
    public void Openat2_is_not_implemented_so_glibc_falls_back_to_openat()
    {
        byte[] program = LauncherFilter.Compile(s_closed).ToBytes();
        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 437, X86_64, [unchecked((ulong)-100), 0x1000, 0x2000, 24]));
    }

    [Theory]
    [InlineData(0x3D0F00ul, Allow)]       // glibc pthread_create: VM FS FILES SIGHAND THREAD SYSVSEM SETTLS PARENT_SETTID CHILD_CLEARTID
    [InlineData(0x1_0000ul | 0x100 | 0x800, Allow)]
    [InlineData(17ul, Eperm)]             // SIGCHLD: fork
    [InlineData(0x4111ul, Eperm)]         // CLONE_VM | CLONE_VFORK | SIGCHLD: posix_spawn
    [InlineData(0x1200011ul, Eperm)]      // glibc fork: CHILD_SETTID | CHILD_CLEARTID | SIGCHLD
    [InlineData(0ul, Eperm)]
    public void Clone_makes_threads_but_not_processes(ulong flags, uint expected)
    {
        byte[] program = LauncherFilter.Compile(s_closed).ToBytes();
        Assert.Equal(expected, ClassicBpfInterpreter.Run(program, 56, X86_64, [flags, 0, 0, 0, 0, 0]));
    }

    [Theory]
    [InlineData(1ul, false, Allow)]     // AF_UNIX
    [InlineData(2ul, false, Eperm)]     // AF_INET
    [InlineData(10ul, false, Eperm)]    // AF_INET6
    [InlineData(16ul, false, Eperm)]    // AF_NETLINK
    [InlineData(17ul, false, Eperm)]    // AF_PACKET
    [InlineData(1ul, true, Allow)]
    [InlineData(2ul, true, Allow)]
    [InlineData(10ul, true, Allow)]
    [InlineData(16ul, true, Eperm)]
    [InlineData(17ul, true, Eperm)]
    [InlineData(0x1_0000_0002ul, true, Allow)] // family is an int: the high word is not the kernel's
    [InlineData(0x1_0000_0010ul, true, Eperm)]
    public void Socket_families_follow_allow_outbound(ulong family, bool outbound, uint expected)
    {
        byte[] program = LauncherFilter.Compile(outbound ? s_outbound : s_closed).ToBytes();
        Assert.Equal(expected, ClassicBpfInterpreter.Run(program, 41, X86_64, [family, 1, 0, 0, 0, 0]));
    }

    [Theory]
    [InlineData(X86_64, 0x4000_0000u)]
    [InlineData(X86_64, 0x4000_0000u + 59)]
    [InlineData(X86_64, 0xFFFF_FFFFu)]
    [InlineData(0x4000_0003u, 1u)]   // i386
    [InlineData(0xC000_00B7u, 1u)]   // aarch64
    [InlineData(0u, 0u)]
    public void Foreign_architecture_and_x32_numbers_kill(uint arch, uint nr)
    {
        byte[] program = LauncherFilter.Compile(s_closed).ToBytes();
        Assert.Equal(Kill, ClassicBpfInterpreter.Run(program, (int)nr, arch, new ulong[6]));
        Assert.Equal(SyscallVerdict.KillProcess, LauncherFilter.Evaluate(arch, nr, new ulong[6], s_closed));
    }

    [Fact]
    public void Filter_agrees_with_the_reference_on_random_calls()
    {
        var random = new Random(5_6);
        foreach (LauncherFilterOptions options in new[] { s_closed, s_outbound })
        {
            byte[] program = LauncherFilter.Compile(options).ToBytes();
            ulong[] values = [0, 1, 2, 10, 17, 0x40, 0x1_0000, 0x3D0F00, 0x8_0000, 0xFFFF_FFFF, ulong.MaxValue];
            var args = new ulong[6];
            for (int n = 0; n < 50_000; n++)
            {
                uint nr = random.Next(4) == 0 ? (uint)s_constrained[random.Next(s_constrained.Length)] : (uint)random.Next(600);
                for (int i = 0; i < 6; i++)
                    args[i] = random.Next(2) == 0 ? values[random.Next(values.Length)] : (ulong)random.NextInt64();
                uint expected = ClassicBpfInterpreter.Expected(LauncherFilter.Evaluate(X86_64, nr, args, options));
                Assert.Equal(expected, ClassicBpfInterpreter.Run(program, (int)nr, X86_64, args));
            }
        }
    }

    [Fact]
    public void Filter_is_small_and_short()
    {
        SeccompProgram program = LauncherFilter.Compile(s_outbound);
        output.WriteLine(program.ToString());
        Assert.InRange(program.InstructionCount, 1, 400);
        Assert.True(program.LongestPath < 30, program.ToString());
    }
}
