using Islet.Abi.Seccomp;

namespace Islet.Abi.Tests;

public class AbiTableTests
{
    // System calls that can create or duplicate a file descriptor (x86-64 numbers). None may
    // be allowed, or the image could get the launcher's image fd back (see AbiTable's remarks).
    private static readonly int[] s_fdCreating =
    [
        2, 22, 32, 33, 41, 43, 53, 85, 213, 240, 253, 257, 282, 283, 284, 288, 289, 290, 291, 292, 293, 294,
        298, 300, 304, 317, 319, 321, 323, 425, 428, 430, 432, 433, 434, 435, 437, 438, 447,
    ];

    [Fact]
    public void Numbers_are_unique_and_sorted_and_counts_add_up()
    {
        var numbers = AbiTable.Entries.Select(e => e.Number).ToArray();
        Assert.Equal(numbers.Order().Distinct(), numbers);
        Assert.Equal(AbiTable.Entries.Length, AbiTable.AllowCount + AbiTable.ErrnoCount);
        Assert.All(AbiTable.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
    }

    [Theory]
    [InlineData(0, "read")]
    [InlineData(9, "mmap")]
    [InlineData(56, "clone")]
    [InlineData(202, "futex")]
    [InlineData(257, "openat")]
    [InlineData(322, "execveat")]
    [InlineData(334, "rseq")]
    [InlineData(435, "clone3")]
    public void Names_match_x86_64_numbers(int number, string name) => Assert.Equal(name, AbiTable.Find(number)?.Name);

    [Fact]
    public void No_call_that_creates_an_fd_can_run()
    {
        foreach (int nr in s_fdCreating)
            Assert.NotEqual(SyscallVerdictKind.Allow, AbiTable.Find(nr)?.Verdict.Kind ?? SyscallVerdictKind.Errno);
    }

    [Theory]
    [InlineData(0ul, false)]      // F_DUPFD
    [InlineData(1030ul, false)]   // F_DUPFD_CLOEXEC
    [InlineData(1ul, true)]       // F_GETFD
    [InlineData(3ul, true)]       // F_GETFL
    [InlineData(4ul, true)]       // F_SETFL
    [InlineData(2ul, false)]      // F_SETFD
    public void Fcntl_cannot_duplicate(ulong command, bool allowed)
    {
        SyscallVerdict v = AbiTable.Evaluate(AbiTable.AuditArchX86_64, 72, [3, command], new AbiContext(1, 1));
        Assert.Equal(allowed, v == SyscallVerdict.Allow);
    }

    [Theory]
    [InlineData(0x3, false)]         // PROT_READ|PROT_WRITE file mapping
    [InlineData(0x7, true)]          // PROT_EXEC
    [InlineData(0x4, true)]
    [InlineData(0x1_0000_0004, true)]
    public void Executable_or_file_mappings_are_refused(ulong prot, bool exec)
    {
        var context = new AbiContext(1, 1);
        const ulong anonymous = 0x22, fileBacked = 0x2;
        Assert.Equal(exec ? SyscallVerdict.Errno(1) : SyscallVerdict.Allow, AbiTable.Evaluate(AbiTable.AuditArchX86_64, 9, [0, 4096, prot, anonymous, ulong.MaxValue, 0], context));
        Assert.Equal(SyscallVerdict.Errno(1), AbiTable.Evaluate(AbiTable.AuditArchX86_64, 9, [0, 4096, prot, fileBacked, 3, 0], context));
        Assert.Equal(exec ? SyscallVerdict.Errno(1) : SyscallVerdict.Allow, AbiTable.Evaluate(AbiTable.AuditArchX86_64, 10, [0, 4096, prot], context));
    }

    [Fact]
    public void Fds_are_limited_to_console_and_devices()
    {
        var context = new AbiContext(2, 1);
        SyscallVerdict Write(ulong fd) => AbiTable.Evaluate(AbiTable.AuditArchX86_64, 1, [fd, 0, 0], context);
        SyscallVerdict Read(ulong fd) => AbiTable.Evaluate(AbiTable.AuditArchX86_64, 0, [fd, 0, 0], context);
        Assert.Equal([false, true, true, true, true, false], new ulong[] { 0, 1, 2, 3, 4, 5 }.Select(fd => Write(fd) == SyscallVerdict.Allow));
        Assert.Equal([false, false, false, true, true, false], new ulong[] { 0, 1, 2, 3, 4, 5 }.Select(fd => Read(fd) == SyscallVerdict.Allow));
        Assert.NotEqual(SyscallVerdict.Allow, Write(0x1_0000_0001));
        Assert.NotEqual(SyscallVerdict.Allow, Write(1023));
    }

    [Fact]
    public void Only_the_launchers_execveat_is_allowed()
    {
        var context = new AbiContext(0, 1);
        Assert.Equal(SyscallVerdict.Allow, AbiTable.Evaluate(AbiTable.AuditArchX86_64, 322, [1023, 0, 0, 0, 0x1000], context));
        Assert.NotEqual(SyscallVerdict.Allow, AbiTable.Evaluate(AbiTable.AuditArchX86_64, 322, [3, 0, 0, 0, 0x1000], context));
        Assert.NotEqual(SyscallVerdict.Allow, AbiTable.Evaluate(AbiTable.AuditArchX86_64, 322, [1023, 0, 0, 0, 0], context));
        Assert.Equal(SyscallVerdict.NotImplemented, AbiTable.Evaluate(AbiTable.AuditArchX86_64, 59, [0, 0, 0], context));
    }

    [Fact]
    public void Abi_reference_document_is_current()
    {
        string path = Path.Combine(RepositoryRoot(), "docs", "abi.md");
        string expected = AbiReference.RenderMarkdown();
        if (Environment.GetEnvironmentVariable("ISLET_UPDATE_ABI_DOC") == "1")
            File.WriteAllText(path, expected);
        string actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(expected == actual,
            "docs/abi.md is stale. Regenerate it with: ISLET_UPDATE_ABI_DOC=1 dotnet test tests/Islet.Abi.Tests --filter Abi_reference_document_is_current");
    }

    private static string RepositoryRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "Islet.slnx"))) return dir;
        throw new InvalidOperationException("Islet.slnx not found above the test's directory.");
    }
}
