using System.Collections.Immutable;

namespace Islet.Abi.Seccomp;

/// <summary>
/// The seccomp filter a launcher (islet-spt, islet-hvt) installs on itself once the image runs
/// and the router listens: a deny-list, unlike the image's allow-list (<see cref="AbiTable"/>).
/// The launcher is a .NET process whose runtime makes calls no table can foresee, so anything
/// not listed is allowed; what is listed is what a compromised launcher would need to leave
/// its process or change the host: run programs, new processes, debugging others, kernel
/// modules, mounts and namespaces, identities, and any change to the filesystem.
/// </summary>
/// <remarks>
/// Refused calls get an errno, never a kill: the runtime must see an error it can handle
/// (EPERM, or ENOSYS where glibc falls back to a call the filter can inspect). Only a foreign
/// architecture or the x32 ABI kills, as in the image's filter. The program is compiled by
/// <see cref="SeccompCompiler"/>'s binary search with Allow for numbers not in the list.
/// </remarks>
public static partial class LauncherFilter
{
    // The policy has only constant operands; the compiler still wants a context.
    private static readonly AbiContext s_context = new(0, 1);

    /// <summary>The listed calls, sorted by number; every call not listed is allowed.</summary>
    public static ImmutableArray<AbiEntry> Entries(LauncherFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. BuildEntries(options).OrderBy(e => e.Number)];
    }

    /// <summary>Compiles the launcher's filter for <paramref name="options"/>.</summary>
    public static SeccompProgram Compile(LauncherFilterOptions options) =>
        SeccompCompiler.Compile(Entries(options), s_context, SyscallVerdict.Allow);

    /// <summary>
    /// The reference answer, with the compiled filter's meaning: a foreign <paramref name="arch"/>
    /// or an x32 number kills; a listed number gets its entry's verdict; anything else is allowed.
    /// </summary>
    /// <param name="arch">seccomp_data.arch.</param>
    /// <param name="number">seccomp_data.nr, read as unsigned.</param>
    /// <param name="args">seccomp_data.args; missing ones read as 0.</param>
    /// <param name="options">The launcher's needs.</param>
    public static SyscallVerdict Evaluate(uint arch, uint number, ReadOnlySpan<ulong> args, LauncherFilterOptions options)
    {
        if (arch != AbiTable.AuditArchX86_64 || number >= AbiTable.X32SyscallBit) return SyscallVerdict.KillProcess;
        foreach (AbiEntry entry in Entries(options))
            if (entry.Number == number) return entry.Evaluate(args, s_context);
        return SyscallVerdict.Allow;
    }
}
