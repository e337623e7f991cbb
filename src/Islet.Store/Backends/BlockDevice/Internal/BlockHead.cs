using System.Buffers.Binary;
using Islet.Crypto;
using Islet.Store.Git;

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>
/// One head slot (the first 80 bytes of sector 0 or 1): magic <c>ISLHEAD1</c>, generation (u64),
/// log end (i64, a byte offset on the device), the latest ref-table record's offset (i64, or
/// <see cref="NoRefTable"/>), the sector size (u32), the hash algorithm (u8), three zero bytes, log
/// start (i64: where the live log begins; compaction moves it), and the SHA-256 of the 48 bytes
/// before it. All integers big-endian.
/// </summary>
internal readonly record struct BlockHead(ulong Generation, long LogStart, long LogEnd, long RefTableOffset, int SectorSize, GitHashAlgorithm Algorithm)
{
    private const int Fields = 48;
    public const int Size = Fields + 32;
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
        BinaryPrimitives.WriteInt64BigEndian(sector[40..], LogStart);
        Sha256.HashData(sector[..Fields], sector[Fields..Size]);
    }

    /// <summary>Parses a slot; false for anything but an intact head (wrong magic, checksum, or impossible fields).</summary>
    public static bool TryParse(ReadOnlySpan<byte> sector, out BlockHead head)
    {
        head = default;
        if (sector.Length < Size || !sector[..8].SequenceEqual(Magic))
            return false;
        Span<byte> digest = stackalloc byte[Sha256.HashSize];
        Sha256.HashData(sector[..Fields], digest);
        if (!CryptoBytes.FixedTimeEquals(digest, sector[Fields..Size]))
            return false;
        var algorithm = (GitHashAlgorithm)sector[36];
        if (!Enum.IsDefined(algorithm))
            return false;
        head = new BlockHead(BinaryPrimitives.ReadUInt64BigEndian(sector[8..]), BinaryPrimitives.ReadInt64BigEndian(sector[40..]), BinaryPrimitives.ReadInt64BigEndian(sector[16..]),
            BinaryPrimitives.ReadInt64BigEndian(sector[24..]), BinaryPrimitives.ReadInt32BigEndian(sector[32..]), algorithm);
        return true;
    }
}
