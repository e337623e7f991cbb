namespace Islet.Abi;

/// <summary>
/// The K of an argument constraint: a constant, or a per-image value taken from an
/// <see cref="AbiContext"/> when the table is evaluated or compiled.
/// </summary>
public readonly record struct AbiOperand(AbiOperandKind Kind, ulong Constant)
{
    /// <summary>The first fd that is neither console nor device (3 + device count).</summary>
    public static AbiOperand FdLimit { get; } = new(AbiOperandKind.FdLimit, 0);

    /// <summary>The image's own process id.</summary>
    public static AbiOperand ProcessId { get; } = new(AbiOperandKind.ProcessId, 0);

    /// <summary>A constant.</summary>
    public static implicit operator AbiOperand(ulong constant) => new(AbiOperandKind.Constant, constant);

    /// <summary>The operand's value for one image.</summary>
    public ulong Resolve(AbiContext context) => Kind switch
    {
        AbiOperandKind.FdLimit => (ulong)context.FdLimit,
        AbiOperandKind.ProcessId => (ulong)context.ProcessId,
        _ => Constant,
    };

    /// <summary>"3+N", "pid", or the constant in decimal (below 4096) or hex.</summary>
    public override string ToString() => Kind switch
    {
        AbiOperandKind.FdLimit => "3+N",
        AbiOperandKind.ProcessId => "pid",
        _ => Constant < 4096
            ? Constant.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "0x" + Constant.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
    };
}
