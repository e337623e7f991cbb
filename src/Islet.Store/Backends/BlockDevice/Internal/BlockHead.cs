using System.Buffers.Binary;
using Islet.Crypto;
using Islet.Store.Git;

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>
/// One head slot (the first 72 bytes of sector 0 or 1): magic <c>ISLHEAD1</c>, generation (u64),
/// log end (u64, a byte offset on the device), the latest ref-table record's offset (u64, or
/// <see cref="NoRefTable"/>), the sector size (u32), the hash algorithm (u8), three zero bytes, and
/// the SHA-256 of the 40 bytes before it. All integers big-endian.
/// </summary>
internal readonly record struct BlockHead(ulong Generation, long LogEnd, long RefTableOffset, int SectorSize, GitHashAlgorithm Algorithm)
{
    public const int Size = 72;
    public const long NoRefTable = -1;
    private static ReadOnlySpan<byte> Magic => "ISLHEAD1"u8;

    /// <summary>Writes the head into the start of <paramref name="sector"/> (at least <see cref="Size"/> bytes; the rest is left as is).</summary>
    public void Emit(Span<byte> sector)
    {
        Magic.CopyTo(sector);
        BinaryPrimitives.WriteUInt64BigEndian(sector[8..], Generation);
        BinaryPrimitives.WriteInt64BigEndian(sector[16..], LogEnd);
        BinaryPrimitives.WriteInt64BigEndian(sector[24..], RefTableOffset);
        BinaryPrimitives.WriteInt32BigEndian(sector[32..], SectorSize);
        sector[36] = (byte)Algorithm;
        sector[37..40].Clear();
        Sha256.HashData(sector[..40], sector[40..Size]);
    }

    /// <summary>Parses a slot; false for anything but an intact head (wrong magic, checksum, or impossible fields).</summary>
    public static bool TryParse(ReadOnlySpan<byte> sector, out BlockHead head)
    {
        head = default;
        if (sector.Length < Size || !sector[..8].SequenceEqual(Magic))
            return false;
        Span<byte> digest = stackalloc byte[Sha256.HashSize];
        Sha256.HashData(sector[..40], digest);
        if (!CryptoBytes.FixedTimeEquals(digest, sector[40..Size]))
            return false;
        var algorithm = (GitHashAlgorithm)sector[36];
        if (!Enum.IsDefined(algorithm))
            return false;
        head = new BlockHead(BinaryPrimitives.ReadUInt64BigEndian(sector[8..]), BinaryPrimitives.ReadInt64BigEndian(sector[16..]),
            BinaryPrimitives.ReadInt64BigEndian(sector[24..]), BinaryPrimitives.ReadInt32BigEndian(sector[32..]), algorithm);
        return true;
    }
}
