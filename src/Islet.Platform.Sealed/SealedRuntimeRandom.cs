using System.Runtime.InteropServices;
using Islet.Platform.Unix;

namespace Islet.Platform.Sealed;

/// <summary>
/// The runtime's secure random source inside sealed images. .NET's native
/// <c>SystemNative_GetCryptographicallySecureRandomBytes</c> (behind <see cref="Guid.NewGuid"/>) reads
/// <c>/dev/urandom</c>, which a sealed image cannot open, so it failed with a
/// CryptographicException. The sealed link (build/Islet.targets) wraps that symbol
/// (<c>ld --wrap</c>): the runtime's calls arrive here and are served by <c>getrandom(2)</c>, which
/// the ABI allows, as Islet's own entropy device is.
/// </summary>
internal static unsafe class SealedRuntimeRandom
{
    /// <summary>Fills <paramref name="buffer"/> with <paramref name="length"/> random bytes: 0 on success, -1 (the runtime then throws) on failure.</summary>
    [UnmanagedCallersOnly(EntryPoint = "__wrap_SystemNative_GetCryptographicallySecureRandomBytes")]
    private static int GetCryptographicallySecureRandomBytes(byte* buffer, int length)
    {
        if (length < 0 || (buffer is null && length > 0))
            return -1;
        try
        {
            // SAFETY: the runtime passes a buffer of `length` writable bytes, alive for the call.
            new UnixEntropy().Fill(new Span<byte>(buffer, length));
            return 0;
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
