namespace Islet.Events;

/// <summary>What a file descriptor became ready for.</summary>
[Flags]
public enum Readiness
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Data (or a connection, or end of file) can be read without blocking.</summary>
    Readable = 1,
    /// <summary>Data can be written without blocking.</summary>
    Writable = 2,
    /// <summary>The peer hung up or the descriptor failed; reads and writes will say how.</summary>
    Closed = 4,
}
