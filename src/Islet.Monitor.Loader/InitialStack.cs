using System.Buffers.Binary;
using System.Text;

namespace Islet.Monitor.Loader;

/// <summary>
/// Writes the x86-64 Linux process start stack that an ELF entry point expects, as the kernel's
/// <c>create_elf_tables</c> does for execve (System V AMD64 psABI §3.4.1, "Initial Stack and
/// Register State"). From the stack pointer upward: argc; argv pointers and NULL; envp pointers
/// and NULL; the auxiliary vector pairs ending with AT_NULL; padding; then the 16 AT_RANDOM bytes,
/// "x86_64", the argv and envp strings, the AT_EXECFN string and 8 zero bytes at the top.
/// </summary>
public static class InitialStack
{
    /// <summary>The number of random bytes AT_RANDOM points at.</summary>
    public const int RandomByteCount = 16;

    /// <summary>The longest single argv or envp string in bytes, NUL included (Linux MAX_ARG_STRLEN, 32 pages).</summary>
    public const int MaxStringLength = 32 * 4096;

    private const ulong PageSize = 4096, ClockTicks = 100;
    private static readonly byte[] s_platform = "x86_64\0"u8.ToArray();

    /// <summary>
    /// Lays out the start stack in <c>[stackBottom, stackTop)</c> and returns the initial rsp: the
    /// address of argc, a multiple of 16 (the psABI's alignment at process entry).
    /// </summary>
    /// <param name="memory">Guest memory holding the whole stack region.</param>
    /// <param name="stackBottom">The lowest address the stack may use.</param>
    /// <param name="stackTop">One past the highest byte of the stack region.</param>
    /// <param name="image">The loaded image, for AT_PHDR, AT_PHNUM and AT_ENTRY.</param>
    /// <param name="values">argv, envp, AT_EXECFN and the hardware capabilities.</param>
    /// <param name="random">Exactly <see cref="RandomByteCount"/> bytes from the caller's entropy source (AT_RANDOM).</param>
    /// <exception cref="ArgumentException">A string contains NUL, <paramref name="random"/> is not 16 bytes, or the region is smaller than a page.</exception>
    /// <exception cref="GuestMemoryFaultException">The region is not inside <paramref name="memory"/>.</exception>
    /// <exception cref="InitialStackTooLargeException">The layout does not fit in the region; nothing was written.</exception>
    public static ulong Write(IGuestMemory memory, ulong stackBottom, ulong stackTop, LoadedImage image,
        ProcessStartValues values, ReadOnlySpan<byte> random)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(values);
        if (random.Length != RandomByteCount) throw new ArgumentException($"AT_RANDOM needs {RandomByteCount} bytes, not {random.Length}.", nameof(random));
        if (stackTop < stackBottom || stackTop - stackBottom < PageSize)
            throw new ArgumentException("The stack region is smaller than one page.", nameof(stackTop));
        GuestMemoryBounds.CheckedOffset(memory.BaseAddress, memory.Size, stackBottom, stackTop - stackBottom);
        ulong region = stackTop - stackBottom;

        byte[][] arguments = Encode(values.Arguments, "argv");
        byte[][] environment = Encode(values.Environment, "envp");
        byte[] executableName = Encode([values.ExecutableName ?? (values.Arguments.Count > 0 ? values.Arguments[0] : "")], "AT_EXECFN")[0];

        ulong strings = (ulong)executableName.Length + Total(arguments) + Total(environment);
        if (strings > region / 4)
            throw new InitialStackTooLargeException($"argv, envp and AT_EXECFN take {strings} bytes, more than a quarter of the {region}-byte stack.");

        // Top down, as the kernel does: an 8-byte zero end marker, the strings, the platform
        // string and the random bytes, then the pointer block aligned so that rsp % 16 == 0.
        ulong executableNameAt = stackTop - 8 - (ulong)executableName.Length;
        ulong stringsAt = executableNameAt - Total(arguments) - Total(environment);
        ulong platformAt = stringsAt - (ulong)s_platform.Length;
        ulong randomAt = (platformAt - RandomByteCount) & ~15UL;
        ulong[] pointers = Pointers(arguments, environment, stringsAt, image, values, platformAt, randomAt, executableNameAt);
        ulong used = stackTop - randomAt + 8 * (ulong)pointers.Length;
        if (used > region)
            throw new InitialStackTooLargeException($"The initial stack needs {used} bytes; the region has {region}.");
        ulong rsp = (randomAt - 8 * (ulong)pointers.Length) & ~15UL;
        if (rsp < stackBottom)
            throw new InitialStackTooLargeException($"The initial stack needs {stackTop - rsp} bytes; the region has {region}.");

        // One buffer for [rsp, stackTop), written to guest memory in one checked access.
        var stack = new byte[stackTop - rsp];
        for (int i = 0; i < pointers.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(stack.AsSpan(8 * i), pointers[i]);
        random.CopyTo(stack.AsSpan((int)(randomAt - rsp)));
        s_platform.CopyTo(stack.AsSpan((int)(platformAt - rsp)));
        int at = (int)(stringsAt - rsp);
        foreach (byte[] s in arguments.Concat(environment))
        {
            s.CopyTo(stack.AsSpan(at));
            at += s.Length;
        }
        executableName.CopyTo(stack.AsSpan((int)(executableNameAt - rsp)));
        memory.Write(rsp, stack);
        return rsp;
    }

    // argc, argv[] NULL, envp[] NULL, auxv pairs, AT_NULL pair: the words from rsp upward.
    private static ulong[] Pointers(byte[][] arguments, byte[][] environment, ulong stringsAt, LoadedImage image,
        ProcessStartValues values, ulong platformAt, ulong randomAt, ulong executableNameAt)
    {
        var words = new List<ulong>(arguments.Length + environment.Length + 48) { (ulong)arguments.Length };
        ulong at = stringsAt;
        foreach (byte[][] list in (byte[][][])[arguments, environment])
        {
            foreach (byte[] s in list)
            {
                words.Add(at);
                at += (ulong)s.Length;
            }
            words.Add(0);
        }
        void Aux(AuxVectorType type, ulong value)
        {
            words.Add((ulong)type);
            words.Add(value);
        }
        Aux(AuxVectorType.ProgramHeaders, image.ProgramHeaderAddress);
        Aux(AuxVectorType.ProgramHeaderEntrySize, LoadedImage.ProgramHeaderEntrySize);
        Aux(AuxVectorType.ProgramHeaderCount, (ulong)image.ProgramHeaderCount);
        Aux(AuxVectorType.PageSize, PageSize);
        Aux(AuxVectorType.InterpreterBase, 0);
        Aux(AuxVectorType.Flags, 0);
        Aux(AuxVectorType.Entry, image.Entry);
        Aux(AuxVectorType.UserId, 0);
        Aux(AuxVectorType.EffectiveUserId, 0);
        Aux(AuxVectorType.GroupId, 0);
        Aux(AuxVectorType.EffectiveGroupId, 0);
        Aux(AuxVectorType.Secure, 0);
        Aux(AuxVectorType.Random, randomAt);
        Aux(AuxVectorType.HardwareCapabilities, values.HardwareCapabilities);
        Aux(AuxVectorType.HardwareCapabilities2, values.HardwareCapabilities2);
        Aux(AuxVectorType.ClockTicks, ClockTicks);
        Aux(AuxVectorType.Platform, platformAt);
        Aux(AuxVectorType.ExecutableName, executableNameAt);
        if (values.SystemInfoHeader != 0) Aux(AuxVectorType.SystemInfoHeader, values.SystemInfoHeader);
        Aux(AuxVectorType.Null, 0);
        return [.. words];
    }

    private static byte[][] Encode(IReadOnlyList<string> strings, string what)
    {
        ArgumentNullException.ThrowIfNull(strings, what);
        var encoded = new byte[strings.Count][];
        for (int i = 0; i < encoded.Length; i++)
        {
            string s = strings[i] ?? throw new ArgumentNullException(what, $"{what}[{i}] is null.");
            if (s.Contains('\0')) throw new ArgumentException($"{what}[{i}] contains NUL.", what);
            int length = Encoding.UTF8.GetByteCount(s) + 1;
            if (length > MaxStringLength)
                throw new InitialStackTooLargeException($"{what}[{i}] is {length} bytes, more than MAX_ARG_STRLEN ({MaxStringLength}).");
            encoded[i] = new byte[length];
            Encoding.UTF8.GetBytes(s, encoded[i]);
        }
        return encoded;
    }

    private static ulong Total(byte[][] strings)
    {
        ulong total = 0;
        foreach (byte[] s in strings) total += (ulong)s.Length;
        return total;
    }
}
