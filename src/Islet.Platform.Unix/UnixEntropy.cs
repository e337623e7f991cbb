using System.Runtime.InteropServices;
using Islet.Devices;
using Islet.Platform.Unix.Interop;

namespace Islet.Platform.Unix;

/// <summary>
/// Entropy from <c>getrandom(2)</c>: the kernel's CSPRNG, with no file, no OpenSSL (which
/// would cost milliseconds to load) and no call outside the Islet ABI, so sealed images use it too.
/// </summary>
public sealed unsafe class UnixEntropy : IEntropy
{
    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            nint n;
            // SAFETY: the span is pinned for the call and getrandom writes at most its length.
            fixed (byte* p = destination) n = LibC.getrandom(p, destination.Length, 0);
            if (n > 0)
            {
                destination = destination[(int)n..];
                continue;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EINTR) throw new IOException($"getrandom failed: errno {errno}");
        }
    }
}
