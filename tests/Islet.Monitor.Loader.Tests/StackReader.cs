using System.Buffers.Binary;
using System.Text;

namespace Islet.Monitor.Loader.Tests;

/// <summary>
/// Reads a Linux x86-64 process start stack back from guest memory the way a libc's start code
/// does (argc, argv, envp, auxv), written for the tests independently of <see cref="InitialStack"/>.
/// </summary>
internal sealed class StackReader
{
    private readonly ByteArrayGuestMemory _memory;

    public StackReader(ByteArrayGuestMemory memory, ulong rsp)
    {
        _memory = memory;
        ulong at = rsp;
        ulong argc = Word(at);
        at += 8;
        for (ulong i = 0; i < argc; i++, at += 8) Arguments.Add(CString(Word(at)));
        Assert.Equal(0UL, Word(at)); // argv[argc] is NULL
        at += 8;
        for (; Word(at) != 0; at += 8) Environment.Add(CString(Word(at)));
        at += 8;
        while (true)
        {
            ulong type = Word(at), value = Word(at + 8);
            Auxv.Add((type, value));
            at += 16;
            if (type == 0) break;
        }
    }

    public List<string> Arguments { get; } = [];

    public List<string> Environment { get; } = [];

    /// <summary>The auxv pairs in stack order, AT_NULL included.</summary>
    public List<(ulong Type, ulong Value)> Auxv { get; } = [];

    public ulong Aux(ulong type) => Auxv.Single(a => a.Type == type).Value;

    public ulong Word(ulong address) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(address, 8));

    public ReadOnlySpan<byte> Bytes(ulong address, int length) =>
        _memory.Contents.Slice(checked((int)(address - _memory.BaseAddress)), length);

    public string CString(ulong address)
    {
        ReadOnlySpan<byte> rest = _memory.Contents[checked((int)(address - _memory.BaseAddress))..];
        int end = rest.IndexOf((byte)0);
        Assert.True(end >= 0, $"string at 0x{address:X} is not terminated");
        return Encoding.UTF8.GetString(rest[..end]);
    }
}
