namespace Islet.Devices;

/// <summary>
/// Cryptographically secure random bytes (getrandom(2) on Linux). Used for TCP initial
/// sequence numbers, DNS ids, keys.
/// </summary>
public interface IEntropy
{
    /// <summary>Fills <paramref name="destination"/> with random bytes. Never fails once constructed.</summary>
    void Fill(Span<byte> destination);
}
