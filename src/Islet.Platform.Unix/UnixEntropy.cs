using System.Security.Cryptography;
using Islet.Devices;

namespace Islet.Platform.Unix;

/// <summary>Random bytes from the host (getrandom(2) through the BCL).</summary>
public sealed class UnixEntropy : IEntropy
{
    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
