using System.Security.Cryptography;

namespace Islet.Manifest;

/// <summary>
/// The image hash rule (see <see cref="IsletManifest"/>): SHA-256 of the whole file with the
/// 64 bytes of the hash field read as ASCII <c>'0'</c>.
/// </summary>
public static class ImageHash
{
    /// <summary>The length of a SHA-256 in hex characters.</summary>
    public const int HexLength = 64;

    /// <summary>
    /// The SHA-256, lower-case hex, of <paramref name="image"/> with the <see cref="HexLength"/>
    /// bytes at <paramref name="fieldOffset"/> taken as <c>'0'</c>; <paramref name="image"/> is
    /// not changed. Throws <see cref="ArgumentOutOfRangeException"/> when the field is not inside the image.
    /// </summary>
    public static string Compute(ReadOnlySpan<byte> image, int fieldOffset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fieldOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fieldOffset, image.Length - HexLength);
        Span<byte> zeros = stackalloc byte[HexLength];
        zeros.Fill((byte)'0');
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(image[..fieldOffset]);
        hash.AppendData(zeros);
        hash.AppendData(image[(fieldOffset + HexLength)..]);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Seals <paramref name="image"/>: computes its hash by the rule and writes it, as ASCII,
    /// over the field at <paramref name="fieldOffset"/>. Returns the hash.
    /// </summary>
    public static string Seal(Span<byte> image, int fieldOffset)
    {
        string hex = Compute(image, fieldOffset);
        for (int i = 0; i < HexLength; i++) image[fieldOffset + i] = (byte)hex[i];
        return hex;
    }

    /// <summary>True when <paramref name="value"/> is <see cref="HexLength"/> lower-case hex characters.</summary>
    public static bool IsHex(string value) => value.Length == HexLength && value.All(char.IsAsciiHexDigitLower);
}
