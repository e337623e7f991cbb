namespace Islet.Monitor.Threads;

/// <summary>
/// A decoded FUTEX_WAKE_OP operation word (<c>val3</c>, linux/futex.h <c>FUTEX_OP</c>):
/// bits 28-30 the operation, bit 31 "the operand is a shift", bits 24-27 the comparison,
/// bits 12-23 the operand and bits 0-11 the comparison argument, both signed 12-bit.
/// </summary>
public readonly record struct FutexWakeOp(int Operation, int Comparison, int Operand, int ComparisonArgument)
{
    /// <summary>FUTEX_OP_SET: store the operand.</summary>
    public const int Set = 0;
    /// <summary>FUTEX_OP_ADD: add the operand.</summary>
    public const int Add = 1;
    /// <summary>FUTEX_OP_OR: or in the operand.</summary>
    public const int Or = 2;
    /// <summary>FUTEX_OP_ANDN: and with the operand's complement.</summary>
    public const int AndNot = 3;
    /// <summary>FUTEX_OP_XOR: xor with the operand.</summary>
    public const int Xor = 4;
    /// <summary>FUTEX_OP_OPARG_SHIFT: the operand is <c>1 &lt;&lt; oparg</c>.</summary>
    public const int OperandShift = 8;

    /// <summary>FUTEX_OP_CMP_EQ.</summary>
    public const int Equal = 0;
    /// <summary>FUTEX_OP_CMP_NE.</summary>
    public const int NotEqual = 1;
    /// <summary>FUTEX_OP_CMP_LT (signed).</summary>
    public const int Less = 2;
    /// <summary>FUTEX_OP_CMP_LE (signed).</summary>
    public const int LessOrEqual = 3;
    /// <summary>FUTEX_OP_CMP_GT (signed).</summary>
    public const int Greater = 4;
    /// <summary>FUTEX_OP_CMP_GE (signed).</summary>
    public const int GreaterOrEqual = 5;

    /// <summary>
    /// Decodes <paramref name="encoded"/>. With the shift bit the operand becomes
    /// <c>1 &lt;&lt; (oparg &amp; 31)</c>, as Linux does (it also masks out-of-range shifts).
    /// </summary>
    public static FutexWakeOp Decode(uint encoded)
    {
        int operation = (int)((encoded >> 28) & 7);
        int comparison = (int)((encoded >> 24) & 15);
        int operand = (int)(encoded << 8) >> 20;
        int argument = (int)(encoded << 20) >> 20;
        if ((encoded & (OperandShift << 28)) != 0)
        {
            operand = 1 << (operand & 31);
        }
        return new FutexWakeOp(operation, comparison, operand, argument);
    }

    /// <summary>
    /// Encodes the parts as <c>FUTEX_OP(op, oparg, cmp, cmparg)</c> does; <paramref name="operation"/>
    /// may include <see cref="OperandShift"/>.
    /// </summary>
    public static uint Encode(int operation, int operand, int comparison, int argument) =>
        ((uint)(operation & 15) << 28) | ((uint)(comparison & 15) << 24) | ((uint)(operand & 0xfff) << 12) | (uint)(argument & 0xfff);

    /// <summary>The new word for <paramref name="old"/>, or null for an unknown operation.</summary>
    public uint? Apply(uint old) => Operation switch
    {
        Set => (uint)Operand,
        Add => unchecked(old + (uint)Operand),
        Or => old | (uint)Operand,
        AndNot => old & ~(uint)Operand,
        Xor => old ^ (uint)Operand,
        _ => null,
    };

    /// <summary>The comparison of the old word (signed) with the argument, or null for an unknown comparison.</summary>
    public bool? Compare(uint old) => Comparison switch
    {
        Equal => (int)old == ComparisonArgument,
        NotEqual => (int)old != ComparisonArgument,
        Less => (int)old < ComparisonArgument,
        LessOrEqual => (int)old <= ComparisonArgument,
        Greater => (int)old > ComparisonArgument,
        GreaterOrEqual => (int)old >= ComparisonArgument,
        _ => null,
    };
}
