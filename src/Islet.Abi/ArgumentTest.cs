namespace Islet.Abi;

/// <summary>
/// How a constraint compares one 64-bit system call argument with its operand K. All
/// comparisons are unsigned over the full 64 bits, as the kernel passes the registers.
/// </summary>
public enum ArgumentTest
{
    /// <summary><c>arg == K</c>.</summary>
    Equal,

    /// <summary><c>arg &lt; K</c> (unsigned).</summary>
    LessThan,

    /// <summary><c>arg &gt;= K</c> (unsigned); the complement of <see cref="LessThan"/>.</summary>
    AtLeast,

    /// <summary><c>(arg &amp; Mask) == K</c>.</summary>
    MaskedEqual,
}
