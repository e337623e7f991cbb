using System.Buffers.Binary;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// The bytes of a version-2 pack index (gitformat-pack "Version 2 pack-*.idx files"): magic and
/// version, the 256-entry fan-out, the sorted ids, their CRC-32s, 4-byte offsets (those of 2^31 and
/// above point with the top bit into a table of 8-byte offsets), the pack checksum, the index checksum.
/// </summary>
internal static class PackIndexEncoder
{
    /// <summary>Encodes <paramref name="entries"/>, which must be sorted by id and have distinct ids.</summary>
    public static byte[] Encode(IReadOnlyList<(GitObjectId Id, long Offset, uint Crc)> entries, ReadOnlySpan<byte> packChecksum, GitHashAlgorithm algorithm)
    {
        int idLength = GitObjectId.LengthOf(algorithm);
        int large = entries.Count(e => e.Offset >= 0x8000_0000L);
        int length = 8 + 256 * 4 + entries.Count * (idLength + 8) + large * 8 + 2 * idLength;
        byte[] data = new byte[length];
        Span<byte> span = data;
        span[0] = 0xff;
        "tOc"u8.CopyTo(span[1..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], 2);

        int count = 0;
        for (int bucket = 0, i = 0; bucket < 256; bucket++)
        {
            while (i < entries.Count && entries[i].Id.Bytes[0] == bucket)
                i++;
            count = i;
            BinaryPrimitives.WriteUInt32BigEndian(span[(8 + bucket * 4)..], (uint)count);
        }

        int ids = 8 + 1024, crcs = ids + entries.Count * idLength, offsets = crcs + entries.Count * 4, larges = offsets + entries.Count * 4;
        int nextLarge = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            entries[i].Id.Bytes.CopyTo(span[(ids + i * idLength)..]);
            BinaryPrimitives.WriteUInt32BigEndian(span[(crcs + i * 4)..], entries[i].Crc);
            long offset = entries[i].Offset;
            if (offset < 0x8000_0000L)
            {
                BinaryPrimitives.WriteUInt32BigEndian(span[(offsets + i * 4)..], (uint)offset);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(span[(offsets + i * 4)..], 0x8000_0000u | (uint)nextLarge);
                BinaryPrimitives.WriteUInt64BigEndian(span[(larges + nextLarge * 8)..], (ulong)offset);
                nextLarge++;
            }
        }
        int trailer = larges + large * 8;
        packChecksum.CopyTo(span[trailer..]);
        PackChecksum.Compute(span[..(trailer + idLength)], algorithm, span[(trailer + idLength)..]);
        return data;
    }
}
