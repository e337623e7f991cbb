using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Tests.Packs;

/// <summary>The pack writer and its encoders, checked against the pack reader without git.</summary>
public sealed class PackWriterTests
{
    [Fact]
    public void Delta_encoder_round_trips_thousands_of_seeded_base_and_target_pairs()
    {
        var random = new Random(11);
        int deltas = 0;
        for (int n = 0; n < 3000; n++)
        {
            byte[] source = RandomData(random, random.Next(0, n % 10 == 0 ? 200_000 : 3000));
            byte[] target = Mutate(random, source);
            byte[]? delta = PackDeltaEncoder.Encode(source, target, int.MaxValue);
            Assert.NotNull(delta);
            Assert.Equal(target, PackDelta.Apply(source, delta, long.MaxValue));
            deltas++;
        }
        Assert.Equal(3000, deltas);
    }

    [Fact]
    public void Delta_encoder_gives_up_at_the_limit_and_finds_long_copies()
    {
        byte[] source = RandomData(new Random(3), 300_000);
        byte[] target = [.. source.AsSpan(1000, 200_000), .. "middle"u8, .. source.AsSpan(0, 1000)];
        byte[]? delta = PackDeltaEncoder.Encode(source, target, int.MaxValue);
        Assert.NotNull(delta);
        Assert.True(delta.Length < 64, $"{delta.Length} bytes");
        Assert.Equal(target, PackDelta.Apply(source, delta, long.MaxValue));
        Assert.Null(PackDeltaEncoder.Encode(RandomData(new Random(4), 5000), RandomData(new Random(5), 5000), 4000));
    }

    [Fact]
    public void Around_change_delta_round_trips_seeded_edits_of_every_size()
    {
        var random = new Random(23);
        for (int n = 0; n < 3000; n++)
        {
            // Sources past 64 KiB need split copies, middles past 127 bytes split inserts.
            byte[] source = RandomData(random, random.Next(0, n % 10 == 0 ? 300_000 : 4000));
            byte[] target = Mutate(random, source);
            byte[]? delta = PackDeltaEncoder.EncodeAroundChange(source, target, int.MaxValue);
            Assert.NotNull(delta);
            Assert.Equal(target, PackDelta.Apply(source, delta, long.MaxValue));
        }
        foreach ((byte[] source, byte[] target) in new (byte[], byte[])[] { ([], []), ([], [1, 2, 3]), ([1, 2, 3], []), ([7, 7, 7], [7, 7, 7]), ([7, 7, 7], [7, 7]), ([7, 7], [7, 7, 7]) })
            Assert.Equal(target, PackDelta.Apply(source, PackDeltaEncoder.EncodeAroundChange(source, target, int.MaxValue)!, long.MaxValue));
    }

    [Fact]
    public void Around_change_delta_of_one_tree_entry_is_small_and_refused_at_the_limit()
    {
        byte[] source = RandomData(new Random(5), 100_000);
        byte[] target = (byte[])source.Clone();
        target[50_000] ^= 1;
        target[50_019] ^= 1;
        byte[] delta = PackDeltaEncoder.EncodeAroundChange(source, target, int.MaxValue)!;
        Assert.True(delta.Length < 48, $"{delta.Length} bytes");
        Assert.Equal(target, PackDelta.Apply(source, delta, long.MaxValue));
        Assert.Null(PackDeltaEncoder.EncodeAroundChange(source, target, delta.Length));
        Assert.Null(PackDeltaEncoder.EncodeAroundChange(RandomData(new Random(6), 500), RandomData(new Random(7), 500), 400));
    }

    [Fact]
    public void Written_packs_read_back_with_deltas_bounded_in_depth()
    {
        var writer = new PackWriter(maxDepth: 3);
        var expected = new Dictionary<GitObjectId, byte[]>();
        var text = new StringBuilder(string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i}\n")));
        for (int v = 0; v < 40; v++)
        {
            text.Append($"version {v}\n");
            byte[] content = Encoding.ASCII.GetBytes(text.ToString());
            Assert.True(writer.Add(GitObjectType.Blob, content, "file.txt"));
            Assert.False(writer.Add(new GitBlob(content), "file.txt"));
            expected[GitObjectId.Compute(GitObjectType.Blob, content)] = content;
        }
        Assert.True(writer.Add(GitObjectType.Blob, "tiny"u8.ToArray()));
        expected[GitObjectId.Compute(GitObjectType.Blob, "tiny"u8)] = "tiny"u8.ToArray();

        (byte[] packBytes, byte[] indexBytes, int deltaCount) = writer.Encode();
        var pack = PackFile.Parse(packBytes, PackIndex.Parse(indexBytes));
        pack.Verify();
        Assert.True(deltaCount >= 30, $"{deltaCount} deltas");
        foreach (var (id, content) in expected)
        {
            Assert.True(pack.TryRead(id, out GitObjectType type, out byte[] read));
            Assert.Equal(GitObjectType.Blob, type);
            Assert.Equal(content, read);
        }
        // Follow every chain through the entry headers: none is deeper than 3, and some reach 3.
        var index = PackIndex.Parse(indexBytes);
        int deepest = 0;
        for (int i = 0; i < index.Count; i++)
        {
            int depth = 0;
            var header = PackEntryHeader.Read(packBytes, index.OffsetAt(i), packBytes.Length - 20, 20);
            while (header.Kind == PackEntryKind.OffsetDelta)
            {
                depth++;
                header = PackEntryHeader.Read(packBytes, header.BaseOffset, packBytes.Length - 20, 20);
            }
            deepest = Math.Max(deepest, depth);
        }
        Assert.Equal(3, deepest);
    }

    [Fact]
    public void Index_encoder_writes_the_large_offset_table_for_offsets_of_2_gib_and_above()
    {
        var entries = new List<(GitObjectId Id, long Offset, uint Crc)>
        {
            (GitObjectId.Compute(GitObjectType.Blob, "a"u8), 12, 1),
            (GitObjectId.Compute(GitObjectType.Blob, "b"u8), 0x8000_0000L, 2),
            (GitObjectId.Compute(GitObjectType.Blob, "c"u8), 0x1_2345_6789L, 3),
        };
        entries.Sort((a, b) => a.Id.CompareTo(b.Id));
        byte[] checksum = new byte[20];
        checksum[0] = 0xab;
        var index = PackIndex.Parse(PackIndexEncoder.Encode(entries, checksum, GitHashAlgorithm.Sha1));
        Assert.Equal(2, index.LargeOffsetCount);
        Assert.Equal(checksum, index.PackChecksum.ToArray());
        for (int i = 0; i < entries.Count; i++)
        {
            Assert.Equal(entries[i].Id, index.IdAt(i));
            Assert.Equal(entries[i].Offset, index.OffsetAt(i));
            Assert.Equal(entries[i].Crc, index.Crc32At(i));
        }
    }

    [Fact]
    public void The_same_objects_added_in_any_order_give_the_same_pack_and_it_opens_from_its_directory()
    {
        var random = new Random(5);
        var objects = Enumerable.Range(0, 60)
            .Select(i => (Type: (GitObjectType)(1 + i % 3), Content: Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 50 + i % 7).Select(j => $"row {j} of {i % 5}\n")))))
            .ToList();
        string first = ExternalTool.TempDirectory(), second = ExternalTool.TempDirectory();
        var a = new PackWriter();
        foreach (var (type, content) in objects)
            a.Add(type, content);
        var b = new PackWriter();
        foreach (var (type, content) in objects.OrderBy(_ => random.Next()))
            b.Add(type, content);
        WrittenPack one = a.WriteTo(first), two = b.WriteTo(second);
        Assert.Equal(one.Name, two.Name);
        Assert.Equal(File.ReadAllBytes(one.PackPath), File.ReadAllBytes(two.PackPath));
        Assert.Equal(File.ReadAllBytes(one.IndexPath), File.ReadAllBytes(two.IndexPath));
        Assert.Equal(one, a.WriteTo(first));
        Assert.Equal(2, Directory.GetFiles(first).Length);

        var packs = PackDirectory.Open(first);
        foreach (var (type, content) in objects)
        {
            Assert.True(packs.TryRead(GitObjectId.Compute(type, content), out GitObjectType readType, out byte[] read));
            Assert.Equal(type, readType);
            Assert.Equal(content, read);
        }
    }

    [Fact]
    public void An_empty_writer_refuses_to_write()
    {
        Assert.Throws<InvalidOperationException>(() => new PackWriter().WriteTo(ExternalTool.TempDirectory()));
    }

    private static byte[] RandomData(Random random, int length)
    {
        byte[] data = new byte[length];
        if (random.Next(2) == 0)
        {
            random.NextBytes(data);
        }
        else
        {
            // Text-like data with repeats, which tempts the encoder into short and overlapping matches.
            for (int i = 0; i < length; i++)
                data[i] = (byte)"abcd \n"[random.Next(6)];
        }
        return data;
    }

    private static byte[] Mutate(Random random, byte[] source)
    {
        var result = new List<byte>(source);
        int edits = random.Next(0, 20);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(result.Count + 1);
            switch (random.Next(4))
            {
                case 0:
                    result.InsertRange(at, RandomData(random, random.Next(1, 300)));
                    break;
                case 1:
                    result.RemoveRange(at, Math.Min(random.Next(1, 300), result.Count - at));
                    break;
                case 2:
                    if (at < result.Count)
                        result[at] ^= 0x55;
                    break;
                default:
                    int from = random.Next(source.Length + 1);
                    result.InsertRange(at, source.AsSpan(from, Math.Min(random.Next(1, 5000), source.Length - from)).ToArray());
                    break;
            }
        }
        return [.. result];
    }
}
