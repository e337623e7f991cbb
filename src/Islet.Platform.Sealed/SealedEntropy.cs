using System.Runtime.InteropServices;
using Islet.Devices;
using Islet.Platform.Sealed.Interop;

namespace Islet.Platform.Sealed;

/// <summary>Entropy from <c>getrandom(2)</c>: the kernel's CSPRNG, with no file and no OpenSSL.</summary>
public sealed unsafe class SealedEntropy : IEntropy
{
    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            nint n;
            // SAFETY: the span is pinned for the call and getrandom writes at most its length.
            fixed (byte* p = destination) n = SealedLibC.getrandom(p, destination.Length, 0);
            if (n > 0)
            {
                destination = destination[(int)n..];
                continue;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno != SealedLibC.EINTR) throw new IOException($"getrandom failed: errno {errno}");
        }
    }
}
