namespace Islet.Monitor.Loader;

/// <summary>
/// What a started program sees besides its image: argv, envp, the name it was started by and
/// the hardware capabilities for the auxiliary vector. Strings are written as UTF-8 with a
/// terminating NUL and must not contain NUL themselves.
/// </summary>
public sealed class ProcessStartValues
{
    /// <summary>argv; argv[0] is conventionally the program's name. May be empty (argc 0).</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>envp, each "NAME=value".</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>The string AT_EXECFN points at; null means argv[0], or "" without arguments.</summary>
    public string? ExecutableName { get; init; }

    /// <summary>AT_HWCAP: the monitor passes CPUID leaf 1 EDX, as Linux does on x86.</summary>
    public ulong HardwareCapabilities { get; init; }

    /// <summary>AT_HWCAP2: the monitor passes what Linux would (bit 1: FSGSBASE usable), or 0.</summary>
    public ulong HardwareCapabilities2 { get; init; }

    /// <summary>AT_SYSINFO_EHDR: where a vDSO is mapped, or 0 for none (the entry is then left out).</summary>
    public ulong SystemInfoHeader { get; init; }
}
