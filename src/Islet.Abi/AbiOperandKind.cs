namespace Islet.Abi;

/// <summary>Where the value of an <see cref="AbiOperand"/> comes from.</summary>
public enum AbiOperandKind
{
    /// <summary>A constant fixed in the table.</summary>
    Constant,

    /// <summary>The first fd past the devices: <see cref="AbiContext.FdLimit"/>.</summary>
    FdLimit,

    /// <summary>The image's process id: <see cref="AbiContext.ProcessId"/>.</summary>
    ProcessId,
}
