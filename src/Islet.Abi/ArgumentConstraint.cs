namespace Islet.Abi;

/// <summary>
/// One test on one system call argument (seccomp_data.args[<see cref="Index"/>], 0..5).
/// <see cref="Mask"/> is used only by <see cref="ArgumentTest.MaskedEqual"/>.
/// </summary>
public readonly record struct ArgumentConstraint
{
    /// <summary>Creates a constraint.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unless 0 &lt;= index &lt;= 5.</exception>
    public ArgumentConstraint(int index, ArgumentTest test, AbiOperand value, ulong mask = ulong.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 5);
        Index = index;
        Test = test;
        Value = value;
        Mask = mask;
    }

    /// <summary>The argument's index, 0..5.</summary>
    public int Index { get; }

    /// <summary>The comparison.</summary>
    public ArgumentTest Test { get; }

    /// <summary>The operand K.</summary>
    public AbiOperand Value { get; }

    /// <summary>The mask for <see cref="ArgumentTest.MaskedEqual"/>.</summary>
    public ulong Mask { get; }

    /// <summary><c>arg[index] == value</c>.</summary>
    public static ArgumentConstraint Equal(int index, AbiOperand value) => new(index, ArgumentTest.Equal, value);

    /// <summary><c>arg[index] &lt; value</c>, unsigned.</summary>
    public static ArgumentConstraint LessThan(int index, AbiOperand value) => new(index, ArgumentTest.LessThan, value);

    /// <summary><c>arg[index] &gt;= value</c>, unsigned.</summary>
    public static ArgumentConstraint AtLeast(int index, AbiOperand value) => new(index, ArgumentTest.AtLeast, value);

    /// <summary><c>(arg[index] &amp; mask) == value</c>.</summary>
    public static ArgumentConstraint MaskedEqual(int index, ulong mask, ulong value) =>
        new(index, ArgumentTest.MaskedEqual, value, mask);

    /// <summary><c>(arg[index] &amp; bits) == 0</c>.</summary>
    public static ArgumentConstraint BitsClear(int index, ulong bits) => MaskedEqual(index, bits, 0);

    /// <summary>True if <paramref name="argument"/> passes this test for <paramref name="context"/>.</summary>
    public bool Matches(ulong argument, AbiContext context)
    {
        ulong k = Value.Resolve(context);
        return Test switch
        {
            ArgumentTest.Equal => argument == k,
            ArgumentTest.LessThan => argument < k,
            ArgumentTest.AtLeast => argument >= k,
            _ => (argument & Mask) == k,
        };
    }

    /// <summary>The constraint as written in docs/abi.md, e.g. <c>arg0 &lt; 3+N</c>.</summary>
    public override string ToString() => Test switch
    {
        ArgumentTest.Equal => $"arg{Index} == {Value}",
        ArgumentTest.LessThan => $"arg{Index} < {Value}",
        ArgumentTest.AtLeast => $"arg{Index} >= {Value}",
        _ => $"(arg{Index} & 0x{Mask:x}) == 0x{Value.Constant:x}",
    };
}
