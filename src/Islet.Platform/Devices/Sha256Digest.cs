using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Islet.Devices;

/// <summary>A SHA-256 digest held by value (32 bytes, no allocation).</summary>
public readonly record struct Sha256Digest(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>Digest length in bytes.</summary>
    public const int Length = 32;

    /// <summary>Reads a digest from its 32 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes.</exception>
    public static Sha256Digest FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length) throw new ArgumentException("A SHA-256 digest is 32 bytes.", nameof(bytes));
        return new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]), BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>Hashes <paramref name="data"/>.</summary>
    public static Sha256Digest Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[Length];
        SHA256.HashData(data, hash);
        return FromBytes(hash);
    }

    /// <summary>Writes the 32 bytes into <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    /// <summary>Lower-case hexadecimal, 64 characters.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
