namespace Islet.Devices;

/// <summary>
/// The unikernel's console: an output stream for logs (stdout/stderr on every target).
/// </summary>
/// <remarks>
/// <see cref="Write"/> copies the bytes before it returns and never blocks the event loop:
/// when the console cannot keep up, lines are dropped and counted in
/// <see cref="DroppedBytes"/> rather than stalling the service.
/// </remarks>
public interface IConsole
{
    /// <summary>Writes UTF-8 bytes to the console.</summary>
    void Write(ReadOnlySpan<byte> utf8);

    /// <summary>Writes one line of text followed by a newline.</summary>
    void WriteLine(string line);

    /// <summary>Bytes dropped because the console was not writable.</summary>
    long DroppedBytes { get; }
}
