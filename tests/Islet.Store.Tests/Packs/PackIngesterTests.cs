using Islet.Store.Git;
using Islet.Store.Git.Packs;

namespace Islet.Store.Tests.Packs;

/// <summary>The streaming ingester on hand-built packs: whole objects, both delta kinds, thin packs, what follows the trailer.</summary>
public sealed class PackIngesterTests
{
    private static readonly byte[] s_base = "the quick brown fox jumps over the lazy dog, again and again\n"u8.ToArray();
    private static readonly byte[] s_result = "the quick brown fox jumps over the lazy dog, again and again\nand once more\n"u8.ToArray();

    /// <summary>A delta rebuilding <see cref="s_result"/> from <see cref="s_base"/>: copy the base, insert the rest.</summary>
    internal static byte[] SampleDelta()
    {
        byte[] tail = s_result[s_base.Length..];
        return TestPack.Delta(s_base.Length, s_result.Length, [0x90, (byte)s_base.Length, (byte)tail.Length, .. tail]);
    }

    /// <summary>The zlib stream of no bytes, as git writes it.</summary>
    internal static byte[] EmptyZlib => [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];

    internal static (byte[] Pack, GitObjectId[] Ids) SamplePack()
    {
        var pack = new TestPack();
        GitObjectId baseId = GitObjectId.Compute(GitObjectType.Blob, s_base);
        GitObjectId resultId = GitObjectId.Compute(GitObjectType.Blob, s_result);
        long b = pack.Add(GitObjectType.Blob, s_base);
        pack.Add(GitObjectType.Commit, "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\n\nm\n"u8.ToArray());
        pack.AddOfsDelta(b, SampleDelta(), resultId);
        // .NET's ZLibStream writes nothing at all for empty input; git writes an empty fixed block.
        pack.AddEntry(3, 0, [], EmptyZlib, GitObjectId.Compute(GitObjectType.Blob, []));
        return (pack.Build().Pack, [baseId, resultId]);
    }

    [Fact]
    public async Task Whole_objects_and_offset_deltas_are_stored_and_read_back()
    {
        var (bytes, ids) = SamplePack();
        var store = new MemoryObjectStore();
        PackIngestResult result = await PackIngester.IngestAsync(new MemoryStream(bytes), store);
        Assert.Equal(4, result.ObjectCount);
        Assert.Equal(0, result.ThinBasesAppended);
        Assert.Equal(bytes[^20..], result.PackChecksum.ToArray());
        Assert.Equal(bytes, store.PackBytes.Single());
        Assert.True(store.TryRead(ids[1], out GitObjectType type, out byte[] content));
        Assert.Equal(GitObjectType.Blob, type);
        Assert.Equal(s_result, content);
        store.Packs[0].Verify();
        Assert.Equal(0, store.OpenImports);
    }

    [Fact]
    public async Task Reference_deltas_resolve_in_any_order()
    {
        var pack = new TestPack();
        GitObjectId baseId = GitObjectId.Compute(GitObjectType.Blob, s_base);
        GitObjectId resultId = GitObjectId.Compute(GitObjectType.Blob, s_result);
        pack.AddRefDelta(baseId, SampleDelta(), resultId);
        pack.Add(GitObjectType.Blob, s_base);
        var store = new MemoryObjectStore();
        await PackIngester.IngestAsync(new MemoryStream(pack.Build().Pack), store);
        Assert.True(store.TryRead(resultId, out _, out byte[] content));
        Assert.Equal(s_result, content);
        store.Packs[0].Verify();
    }

    [Fact]
    public async Task Bytes_after_the_trailer_are_left_unread_in_the_source()
    {
        var (bytes, _) = SamplePack();
        var source = new MemoryStream([.. bytes, .. "0000after"u8]);
        await PackIngester.IngestAsync(source, new MemoryObjectStore());
        Assert.Equal(bytes.Length, source.Position);
        Assert.Equal("0000after"u8.ToArray(), new BinaryReader(source).ReadBytes(100));
    }

    [Fact]
    public async Task Bytes_after_the_trailer_are_left_unread_when_the_source_trickles()
    {
        var (bytes, _) = SamplePack();
        var source = new TrickleStream([.. bytes, .. "tail"u8], chunk: 7);
        await PackIngester.IngestAsync(source, new MemoryObjectStore());
        Assert.Equal(bytes.Length, source.Position);
    }

    [Fact]
    public async Task A_thin_pack_gets_its_base_appended_when_allowed()
    {
        var store = new MemoryObjectStore();
        GitObjectId baseId = store.Write(GitObjectType.Blob, s_base);
        GitObjectId resultId = GitObjectId.Compute(GitObjectType.Blob, s_result);
        var pack = new TestPack();
        pack.AddRefDelta(baseId, SampleDelta(), resultId);
        byte[] bytes = pack.Build().Pack;

        var refused = await Assert.ThrowsAsync<GitPackException>(async () => await PackIngester.IngestAsync(new MemoryStream(bytes), store));
        Assert.Equal(GitPackError.BadDeltaBase, refused.Error);
        Assert.Contains("thin packs are not allowed", refused.Message);
        Assert.Empty(store.Packs);

        PackIngestResult result = await PackIngester.IngestAsync(new MemoryStream(bytes), store, new PackIngestOptions { AllowThin = true });
        Assert.Equal(2, result.ObjectCount);
        Assert.Equal(1, result.ThinBasesAppended);
        PackFile stored = store.Packs.Single();
        Assert.Equal(2, stored.Count);
        Assert.True(stored.Contains(baseId));
        Assert.True(stored.TryRead(resultId, out _, out byte[] content));
        Assert.Equal(s_result, content);
        stored.Verify();
    }

    [Fact]
    public async Task Progress_reports_every_entry()
    {
        var (bytes, _) = SamplePack();
        var seen = new List<(int, int)>();
        await PackIngester.IngestAsync(new MemoryStream(bytes), new MemoryObjectStore(), new PackIngestOptions { Progress = (done, total) => seen.Add((done, total)) });
        Assert.Equal([(1, 4), (2, 4), (3, 4), (4, 4)], seen);
    }

    /// <summary>A stream that returns at most <c>chunk</c> bytes per read.</summary>
    internal sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
