using System.Text;
using Islet.Devices;

namespace Islet.Platform.Unix;

/// <summary>
/// The console on the unix target: the process's standard output. Writes are synchronous
/// (a terminal or pipe rarely blocks for long); this is the development target.
/// </summary>
public sealed class UnixConsole : IConsole
{
    private readonly Stream _stdout = Console.OpenStandardOutput();

    /// <inheritdoc />
    public long DroppedBytes { get; private set; }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> utf8)
    {
        try
        {
            _stdout.Write(utf8);
        }
        catch (IOException)
        {
            DroppedBytes += utf8.Length;
        }
    }

    /// <inheritdoc />
    public void WriteLine(string line) => Write(Encoding.UTF8.GetBytes(line + "\n"));
}
