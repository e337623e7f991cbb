using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Packs;

namespace Islet.Store.Tests.Packs;

/// <summary>Hand-built packs: whole objects, both delta kinds, and every refusal.</summary>
public sealed class PackFileTests
{
    private static readonly byte[] s_base = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog.\n");
    private static readonly byte[] s_target = Encoding.ASCII.GetBytes("The quick brown cat jumps over the lazy dog.\n");
    private static readonly GitObjectId s_targetId = GitObjectId.Compute(GitObjectType.Blob, s_target);

    // Copy 16 bytes at 0, insert "cat", copy the rest from 19.
    private static readonly byte[] s_delta = TestPack.Delta(s_base.Length, s_target.Length,
        0x90, 16, 3, (byte)'c', (byte)'a', (byte)'t', 0x91, 19, (byte)(s_base.Length - 19));

    [Fact]
    public void Reads_whole_objects_and_both_delta_kinds()
    {
        var pack = new TestPack();
        long baseOffset = pack.Add(GitObjectType.Blob, s_base);
        pack.Add(GitObjectType.Commit, "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\nempty\n"u8.ToArray());
        pack.AddOfsDelta(baseOffset, s_delta, s_targetId);
        byte[] target2 = [.. s_target, .. "more\n"u8];
        GitObjectId target2Id = GitObjectId.Compute(GitObjectType.Blob, target2);
        pack.AddRefDelta(s_targetId, TestPack.Delta(s_target.Length, target2.Length, [0x90, (byte)s_target.Length, 5, .. "more\n"u8]), target2Id);
        PackFile file = Load(pack);

        Assert.Equal(4, file.Count);
        Assert.True(file.TryRead(s_targetId, out GitObjectType type, out byte[] content));
        Assert.Equal(GitObjectType.Blob, type);
        Assert.Equal(s_target, content);
        Assert.True(file.TryRead(target2Id, out _, out content));
        Assert.Equal(target2, content);
        Assert.True(file.TryRead(GitObjectId.Compute(GitObjectType.Blob, s_base), out _, out content));
        Assert.Equal(s_base, content);
        Assert.False(file.TryRead(GitObjectId.Compute(GitObjectType.Blob, "absent"u8), out _, out _));
        // The copy of 0x10000 bytes (size bits all zero) in a long copy.
        byte[] big = new byte[0x10000 + 5];
        new Random(1).NextBytes(big);
        var pack2 = new TestPack();
        long bigOffset = pack2.Add(GitObjectType.Blob, big);
        GitObjectId bigId = GitObjectId.Compute(GitObjectType.Blob, big.AsSpan(0, 0x10000));
        pack2.AddOfsDelta(bigOffset, TestPack.Delta(big.Length, 0x10000, 0x80), bigId);
        Assert.True(Load(pack2).TryRead(bigId, out _, out content));
        Assert.Equal(big.AsSpan(0, 0x10000).ToArray(), content);
    }

    [Fact]
    public void Verify_checks_entry_crcs_and_offsets()
    {
        var pack = new TestPack();
        long first = pack.Add(GitObjectType.Blob, s_base);
        long second = pack.Add(GitObjectType.Blob, s_target);
        (byte[] bytes, _) = pack.Build();
        GitObjectId a = GitObjectId.Compute(GitObjectType.Blob, s_base), b = GitObjectId.Compute(GitObjectType.Blob, s_target);
        byte[] index = TestPack.BuildIndex([(a, first), (b, second)], bytes[^20..], allLarge: false);
        // TestPack writes zero CRCs; the entries are readable but the CRCs are wrong.
        PackFile file = PackFile.Parse(bytes, PackIndex.Parse(index));
        Assert.True(file.TryRead(b, out _, out _));
        Assert.Equal(GitPackError.ChecksumMismatch, Assert.Throws<GitPackException>(file.Verify).Error);
        byte[] shared = TestPack.BuildIndex([(a, first), (b, first)], bytes[^20..], allLarge: false);
        Assert.Equal(GitPackError.BadIndex, Assert.Throws<GitPackException>(PackFile.Parse(bytes, PackIndex.Parse(shared)).Verify).Error);
    }

    [Fact]
    public void Refuses_bad_pack_headers_and_checksums()
    {
        var pack = new TestPack();
        pack.Add(GitObjectType.Blob, s_base);
        (byte[] good, byte[] index) = pack.Build();
        PackIndex parsed = PackIndex.Parse(index);
        for (int length = 0; length < good.Length; length++)
            Assert.Throws<GitPackException>(() => PackFile.Parse(good[..length], parsed));
        Assert.Equal(GitPackError.BadHeader, Refuse(good, parsed, d => d[0] = (byte)'p'));
        Assert.Equal(GitPackError.BadHeader, Refuse(good, parsed, d => d[7] = 4));
        Assert.Equal(GitPackError.BadIndex, Refuse(good, parsed, d => d[11] = 2));
        Assert.Equal(GitPackError.ChecksumMismatch, Refuse(good, parsed, d => d[20] ^= 1, fix: false));
        // Valid on its own, but not the pack the index names.
        Assert.Equal(GitPackError.ChecksumMismatch, Refuse(good, parsed, d => d[20] ^= 1));
    }

    [Fact]
    public void Refuses_delta_bases_that_loop_point_forward_or_outside()
    {
        GitObjectId a = Fake(1), b = Fake(2);
        var loop = new TestPack();
        loop.AddRefDelta(b, s_delta, a);
        loop.AddRefDelta(a, s_delta, b);
        Assert.Equal(GitPackError.BadDeltaBase, ReadError(loop, a));

        var self = new TestPack();
        self.AddRefDelta(a, s_delta, a);
        Assert.Equal(GitPackError.BadDeltaBase, ReadError(self, a));

        var missing = new TestPack();
        missing.AddRefDelta(b, s_delta, a);
        Assert.Equal(GitPackError.BadDeltaBase, ReadError(missing, a));

        // Distance 0 (the entry itself) and a distance reaching before the first entry.
        var zero = new TestPack();
        zero.Add(GitObjectType.Blob, s_base);
        zero.AddEntry(6, s_delta.Length, TestPack.OfsDistance(0), TestPack.Compress(s_delta), a);
        Assert.Equal(GitPackError.BadDeltaBase, ReadError(zero, a));
        var before = new TestPack();
        before.Add(GitObjectType.Blob, s_base);
        before.AddEntry(6, s_delta.Length, TestPack.OfsDistance(1000), TestPack.Compress(s_delta), a);
        Assert.Equal(GitPackError.BadDeltaBase, ReadError(before, a));
        var huge = new TestPack();
        huge.AddEntry(6, s_delta.Length, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], TestPack.Compress(s_delta), a);
        Assert.Equal(GitPackError.BadDeltaBase, ReadError(huge, a));
    }

    [Fact]
    public void Refuses_chains_deeper_than_the_limit()
    {
        var pack = new TestPack();
        long previous = pack.Add(GitObjectType.Blob, [1]);
        byte[] copyAll = TestPack.Delta(1, 1, 0x90, 1);
        for (int i = 0; i <= PackFile.MaxDeltaChainDepth; i++)
            previous = pack.AddOfsDelta(previous, copyAll, Fake(i + 10));
        Assert.Equal(GitPackError.BadDeltaBase, ReadError(pack, Fake(PackFile.MaxDeltaChainDepth + 10)));
        // A chain of exactly the limit is followed (and then fails only the hash check).
        Assert.Equal(GitPackError.HashMismatch, ReadError(pack, Fake(PackFile.MaxDeltaChainDepth + 9)));
    }

    [Fact]
    public void Refuses_bad_delta_instructions_and_sizes()
    {
        Assert.Equal(GitPackError.BadDelta, DeltaError(TestPack.Delta(s_base.Length, 10, 0x91, 40, 10)));         // copy past the base
        Assert.Equal(GitPackError.BadDelta, DeltaError(TestPack.Delta(s_base.Length, 10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)));
        Assert.Equal(GitPackError.BadDelta, DeltaError(TestPack.Delta(s_base.Length + 1, 4, 0x90, 4)));            // base size wrong
        Assert.Equal(GitPackError.BadDelta, DeltaError(TestPack.Delta(s_base.Length, 5, 0x90, 4)));                // result short
        Assert.Equal(GitPackError.BadDelta, DeltaError(TestPack.Delta(s_base.Length, 3, 0x90, 4)));                // result long
        Assert.Equal(GitPackError.BadDelta, DeltaError(TestPack.Delta(s_base.Length, 3, 0)));                      // reserved op
        Assert.Equal(GitPackError.BadDelta, DeltaError(TestPack.Delta(s_base.Length, 3, 3, 1)));                   // insert past the end
        Assert.Equal(GitPackError.BadDelta, DeltaError(TestPack.Delta(s_base.Length, 3, 0x91)));                   // ends inside an instruction
        Assert.Equal(GitPackError.BadDelta, DeltaError(TestPack.Delta(s_base.Length, long.MaxValue, 0x90, 4)));    // absurd result size
        Assert.Equal(GitPackError.BadDelta, DeltaError([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1]));
    }

    [Fact]
    public void Refuses_entries_whose_data_disagrees_with_the_header()
    {
        GitObjectId a = Fake(1);
        Assert.Equal(GitPackError.BadCompression, EntryError(3, s_base.Length + 1, TestPack.Compress(s_base), a));
        Assert.Equal(GitPackError.BadCompression, EntryError(3, s_base.Length - 1, TestPack.Compress(s_base), a));
        Assert.Equal(GitPackError.BadCompression, EntryError(3, s_base.Length, TestPack.Compress(s_base)[..^6], a));
        Assert.Equal(GitPackError.BadCompression, EntryError(3, s_base.Length, s_base, a));
        Assert.Equal(GitPackError.BadEntry, EntryError(5, s_base.Length, TestPack.Compress(s_base), a));
        Assert.Equal(GitPackError.BadEntry, EntryError(0, s_base.Length, TestPack.Compress(s_base), a));
        Assert.Equal(GitPackError.BadEntry, EntryError(3, 1L << 40, TestPack.Compress(s_base), a));
        Assert.Equal(GitPackError.HashMismatch, EntryError(3, s_base.Length, TestPack.Compress(s_base), a));
        Assert.Equal(GitPackError.HashMismatch, EntryError(1, s_base.Length, TestPack.Compress(s_base), GitObjectId.Compute(GitObjectType.Blob, s_base)));
    }

    private static GitPackError EntryError(int type, long size, byte[] data, GitObjectId id)
    {
        var pack = new TestPack();
        pack.AddEntry(type, size, [], data, id);
        return ReadError(pack, id);
    }

    private static GitPackError DeltaError(byte[] delta)
    {
        var pack = new TestPack();
        long offset = pack.Add(GitObjectType.Blob, s_base);
        pack.AddOfsDelta(offset, delta, Fake(1));
        return ReadError(pack, Fake(1));
    }

    private static GitObjectId Fake(int n) => GitObjectId.Compute(GitObjectType.Blob, BitConverter.GetBytes(n));

    private static PackFile Load(TestPack pack)
    {
        (byte[] bytes, byte[] index) = pack.Build();
        return PackFile.Parse(bytes, PackIndex.Parse(index));
    }

    private static GitPackError ReadError(TestPack pack, GitObjectId id) =>
        Assert.Throws<GitPackException>(() => Load(pack).TryRead(id, out _, out _)).Error;

    private static GitPackError Refuse(byte[] good, PackIndex index, Action<byte[]> corrupt, bool fix = true)
    {
        byte[] data = (byte[])good.Clone();
        corrupt(data);
        if (fix)
            TestPack.FixChecksum(data);
        return Assert.Throws<GitPackException>(() => PackFile.Parse(data, index)).Error;
    }
}
