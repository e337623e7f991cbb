using System.Buffers.Binary;
using Islet.Crypto;

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>
/// A log record: a 64-byte header — magic <c>ISLREC01</c>, kind (u32), zero (u32), the record's
/// own byte offset on the device (i64), the payload length (i64), and the SHA-256 of those 32
/// bytes followed by the payload — then the payload, padded with zeros to a whole sector.
/// The own offset makes a record left over from an earlier format or log position invalid.
/// </summary>
internal static class BlockRecord
{
    public const int HeaderSize = 64;
    private static ReadOnlySpan<byte> Magic => "ISLREC01"u8;

    /// <summary>The bytes the record for a payload of <paramref name="payloadLength"/> occupies.</summary>
    public static long SizeOf(long payloadLength, int sectorSize) => (HeaderSize + payloadLength + sectorSize - 1) / sectorSize * sectorSize;

    /// <summary>The whole record (header, payload, padding) for <paramref name="payload"/> at <paramref name="offset"/>.</summary>
    public static byte[] Encode(BlockRecordKind kind, long offset, ReadOnlySpan<byte> payload, int sectorSize)
    {
        byte[] record = new byte[SizeOf(payload.Length, sectorSize)];
        payload.CopyTo(record.AsSpan(HeaderSize));
        Seal(record, kind, offset, payload.Length);
        return record;
    }

    /// <summary>
    /// The record of a pack (payload: the pack's length as a big-endian i64, the pack, its idx) at
    /// <paramref name="offset"/>: the same bytes as <see cref="Encode"/> of that payload, built in
    /// place, so a large pack (a push can be most of a sealed image's memory) is copied once, not twice.
    /// </summary>
    public static byte[] EncodePack(long offset, ReadOnlySpan<byte> pack, ReadOnlySpan<byte> index, int sectorSize)
    {
        int payloadLength = checked(8 + pack.Length + index.Length);
        byte[] record = new byte[SizeOf(payloadLength, sectorSize)];
        Span<byte> payload = record.AsSpan(HeaderSize, payloadLength);
        BinaryPrimitives.WriteInt64BigEndian(payload, pack.Length);
        pack.CopyTo(payload[8..]);
        index.CopyTo(payload[(8 + pack.Length)..]);
        Seal(record, BlockRecordKind.Pack, offset, payloadLength);
        return record;
    }

    /// <summary>Writes the header of <paramref name="record"/>, whose payload is already in place after it.</summary>
    private static void Seal(byte[] record, BlockRecordKind kind, long offset, int payloadLength)
    {
        Span<byte> header = record.AsSpan(0, HeaderSize);
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], (uint)kind);
        BinaryPrimitives.WriteInt64BigEndian(header[16..], offset);
        BinaryPrimitives.WriteInt64BigEndian(header[24..], payloadLength);
        var hash = new Sha256();
        hash.Append(header[..32]);
        hash.Append(record.AsSpan(HeaderSize, payloadLength));
        hash.Finish(header[32..]);
    }

    /// <summary>Parses a record header; false when the magic, the offset or the length is wrong (the checksum is checked by <see cref="IsIntact"/>).</summary>
    public static bool TryParseHeader(ReadOnlySpan<byte> header, long offset, long limit, out BlockRecordKind kind, out long payloadLength)
    {
        kind = default;
        payloadLength = 0;
        if (header.Length < HeaderSize || !header[..8].SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32BigEndian(header[12..]) != 0)
            return false;
        kind = (BlockRecordKind)BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        payloadLength = BinaryPrimitives.ReadInt64BigEndian(header[24..]);
        return kind is BlockRecordKind.Pack or BlockRecordKind.RefTable
            && BinaryPrimitives.ReadInt64BigEndian(header[16..]) == offset
            && payloadLength >= 0 && payloadLength <= limit - offset - HeaderSize && payloadLength <= Array.MaxLength - HeaderSize;
    }

    /// <summary>Whether the header's checksum matches its first 32 bytes and <paramref name="payload"/>.</summary>
    public static bool IsIntact(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        var hash = new Sha256();
        hash.Append(header[..32]);
        hash.Append(payload);
        Span<byte> digest = stackalloc byte[Sha256.HashSize];
        hash.Finish(digest);
        return CryptoBytes.FixedTimeEquals(digest, header[32..HeaderSize]);
    }
}
