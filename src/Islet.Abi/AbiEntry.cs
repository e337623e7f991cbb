using System.Collections.Immutable;

namespace Islet.Abi;

/// <summary>
/// One row of the ABI table: a Linux x86-64 system call, its verdict and why. If
/// <see cref="When"/> is empty the verdict is unconditional. Otherwise <see cref="When"/>
/// lists alternative constraint sets (OR of ANDs): the call gets <see cref="Verdict"/> if
/// every constraint of at least one set holds, and <see cref="Otherwise"/> if none does.
/// </summary>
/// <param name="Number">The x86-64 system call number.</param>
/// <param name="Name">The kernel's name for it (as in unistd_64.h, without __NR_).</param>
/// <param name="Verdict">The answer when the constraints hold (or always, without constraints).</param>
/// <param name="Reason">One line: who makes this call and why the verdict is safe.</param>
public sealed record AbiEntry(int Number, string Name, SyscallVerdict Verdict, string Reason)
{
    /// <summary>Alternative constraint sets; empty means unconditional.</summary>
    public ImmutableArray<ImmutableArray<ArgumentConstraint>> When { get; init; } = [];

    /// <summary>The answer when no constraint set holds; ENOSYS unless stated.</summary>
    public SyscallVerdict Otherwise { get; init; } = SyscallVerdict.NotImplemented;

    /// <summary>True if the entry has argument constraints.</summary>
    public bool IsConstrained => !When.IsDefaultOrEmpty;

    /// <summary>This entry's answer to a call with <paramref name="args"/> (six values; missing ones read as 0).</summary>
    public SyscallVerdict Evaluate(ReadOnlySpan<ulong> args, AbiContext context)
    {
        if (!IsConstrained) return Verdict;
        foreach (ImmutableArray<ArgumentConstraint> set in When)
        {
            bool all = true;
            foreach (ArgumentConstraint c in set)
            {
                ulong arg = c.Index < args.Length ? args[c.Index] : 0;
                if (!c.Matches(arg, context)) { all = false; break; }
            }
            if (all) return Verdict;
        }
        return Otherwise;
    }
}
