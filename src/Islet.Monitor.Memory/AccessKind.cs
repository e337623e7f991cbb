namespace Islet.Monitor.Memory;

/// <summary>The kind of access that caused a guest page fault (from the #PF error code's W and I/D bits).</summary>
public enum AccessKind
{
    /// <summary>A data read.</summary>
    Read,

    /// <summary>A data write.</summary>
    Write,

    /// <summary>An instruction fetch.</summary>
    Execute,
}
