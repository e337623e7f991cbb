using System.Runtime.InteropServices;
using System.Text;
using Islet.Devices;
using Islet.Platform.Sealed.Interop;

namespace Islet.Platform.Sealed;

/// <summary>
/// The console of a sealed image: <c>write(2)</c> on fd 1 (or 2 for errors), which the
/// launcher connects to its own output. Output the console cannot take is counted in
/// <see cref="DroppedBytes"/>, never waited for: a full log must not stop a server.
/// </summary>
public sealed unsafe class SealedConsole : IConsole
{
    private readonly int _fd;

    /// <summary>A console on standard output (fd 1) or, with <paramref name="error"/>, standard error (fd 2).</summary>
    public SealedConsole(bool error = false) => _fd = error ? 2 : 1;

    /// <summary>Bytes dropped because the descriptor refused them.</summary>
    public long DroppedBytes { get; private set; }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            nint n;
            // SAFETY: the span is pinned for the call and write(2) reads at most utf8.Length bytes.
            fixed (byte* p = utf8) n = SealedLibC.write(_fd, p, utf8.Length);
            if (n > 0)
            {
                utf8 = utf8[(int)n..];
                continue;
            }
            if (n < 0 && Marshal.GetLastPInvokeError() == SealedLibC.EINTR) continue;
            DroppedBytes += utf8.Length;
            return;
        }
    }

    /// <inheritdoc />
    public void WriteLine(string line) => Write(Encoding.UTF8.GetBytes(line + "\n"));
}
