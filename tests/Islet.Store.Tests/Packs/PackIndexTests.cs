using System.Buffers.Binary;
using Islet.Store.Git;
using Islet.Store.Git.Packs;

namespace Islet.Store.Tests.Packs;

/// <summary>The v2 index: lookups, the large-offset table, and refusals.</summary>
public sealed class PackIndexTests
{
    private static readonly GitObjectId[] s_ids = Enumerable.Range(0, 50)
        .Select(i => GitObjectId.Compute(GitObjectType.Blob, [(byte)i])).ToArray();

    [Fact]
    public void Finds_every_id_and_misses_others()
    {
        byte[] data = TestPack.BuildIndex(s_ids.Select((id, i) => (id, 12L + 100 * i)), new byte[20], allLarge: false);
        PackIndex index = PackIndex.Parse(data);
        Assert.Equal(50, index.Count);
        Assert.Equal(0, index.LargeOffsetCount);
        for (int i = 0; i < s_ids.Length; i++)
        {
            Assert.True(index.TryFind(s_ids[i], out int position));
            Assert.Equal(12L + 100 * i, index.OffsetAt(position));
        }
        Assert.False(index.Contains(GitObjectId.Compute(GitObjectType.Blob, "absent"u8)));
        Assert.False(index.Contains(GitObjectId.Compute(GitObjectType.Blob, [], GitHashAlgorithm.Sha256)));
        Assert.Equal(s_ids.OrderBy(i => i), index.Ids);
    }

    [Fact]
    public void Offsets_with_the_top_bit_set_come_from_the_large_offset_table()
    {
        byte[] data = TestPack.BuildIndex(s_ids.Select((id, i) => (id, (5L << 32) + i)), new byte[20], allLarge: true);
        PackIndex index = PackIndex.Parse(data);
        Assert.Equal(50, index.LargeOffsetCount);
        for (int i = 0; i < s_ids.Length; i++)
        {
            Assert.True(index.TryFind(s_ids[i], out int position));
            Assert.Equal((5L << 32) + i, index.OffsetAt(position));
        }
    }

    [Fact]
    public void A_large_offset_beyond_the_pack_is_refused_on_read()
    {
        var pack = new TestPack();
        pack.Add(GitObjectType.Blob, "hello\n"u8.ToArray());
        (byte[] packBytes, _) = pack.Build();
        GitObjectId id = GitObjectId.Compute(GitObjectType.Blob, "hello\n"u8);
        byte[] index = TestPack.BuildIndex([(id, 3L << 32)], packBytes[^20..], allLarge: false);
        PackFile file = PackFile.Parse(packBytes, PackIndex.Parse(index));
        var e = Assert.Throws<GitPackException>(() => file.TryRead(id, out _, out _));
        Assert.Equal(GitPackError.BadDeltaBase, e.Error);
    }

    [Fact]
    public void Refuses_truncation_bad_magic_version_checksum_and_order()
    {
        byte[] good = TestPack.BuildIndex(s_ids.Select((id, i) => (id, 12L + i)), new byte[20], allLarge: true);
        for (int length = 0; length < good.Length; length += 7)
            Assert.Throws<GitPackException>(() => PackIndex.Parse(good[..length]));

        AssertRefused(GitPackError.BadHeader, good, d => d[1] = (byte)'x');
        AssertRefused(GitPackError.BadHeader, good, d => d[7] = 1);
        AssertRefused(GitPackError.ChecksumMismatch, good, d => d[^1] ^= 1, fix: false);
        AssertRefused(GitPackError.ChecksumMismatch, good, d => d[2000] ^= 1, fix: false);
        // Two ids swapped: no longer strictly increasing (or in the wrong fan-out bucket).
        AssertRefused(GitPackError.BadIndex, good, d =>
        {
            byte[] first = d.AsSpan(8 + 1024, 20).ToArray();
            d.AsSpan(8 + 1024 + 20, 20).CopyTo(d.AsSpan(8 + 1024));
            first.CopyTo(d.AsSpan(8 + 1024 + 20));
        });
        // A fan-out that goes down.
        AssertRefused(GitPackError.BadIndex, good, d => BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(8 + 4 * 128), 0));
        // A large-offset reference past the table.
        int offsets = 8 + 1024 + 50 * 24;
        AssertRefused(GitPackError.BadIndex, good, d => BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(offsets), 0x8000_0000 | 50));
        // A large offset with bit 63 set.
        AssertRefused(GitPackError.BadIndex, good, d => d[offsets + 200] = 0x80);
        // A fan-out total larger than the file.
        AssertRefused(GitPackError.Truncated, good, d => BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(8 + 4 * 255), 5000));
    }

    private static void AssertRefused(GitPackError error, byte[] good, Action<byte[]> corrupt, bool fix = true)
    {
        byte[] data = (byte[])good.Clone();
        corrupt(data);
        if (fix)
            TestPack.FixChecksum(data);
        Assert.Equal(error, Assert.Throws<GitPackException>(() => PackIndex.Parse(data)).Error);
    }
}
