namespace Islet.Monitor.Runtime;

/// <summary>What <see cref="HvtMachine"/> runs and how.</summary>
public sealed record HvtOptions
{
    /// <summary>The sealed image's bytes (a static-pie ELF).</summary>
    public required ReadOnlyMemory<byte> Image { get; init; }

    /// <summary>argv, starting with the program name.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The guest's memory budget in bytes (anonymous memory: heap, stacks).</summary>
    public ulong MemoryBytes { get; init; } = 64UL << 20;

    /// <summary>How many CPUs the guest is told it has (sched_getaffinity); its threads may be more.</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>The most guest threads (vCPUs) that may exist at once.</summary>
    public int MaxThreads { get; init; } = 64;

    /// <summary>Host fds backing guest fds 3, 4, ... (the image's declared devices, in order). Not owned.</summary>
    public IReadOnlyList<int> DeviceFds { get; init; } = [];

    /// <summary>The host fd guest fd 1 writes to.</summary>
    public int StdoutFd { get; init; } = 1;

    /// <summary>The host fd guest fd 2 writes to.</summary>
    public int StderrFd { get; init; } = 2;

    /// <summary>Where the monitor reports (unknown calls, crashes).</summary>
    public TextWriter Report { get; init; } = TextWriter.Null;

    /// <summary>Symbols for crash reports: reads the image's <c>.dbg</c> file (or returns null); called only when a report needs them.</summary>
    public Func<ReadOnlyMemory<byte>?>? Symbols { get; init; }

    /// <summary>Log every system call to <see cref="Report"/>.</summary>
    public bool TraceSyscalls { get; init; }
}
