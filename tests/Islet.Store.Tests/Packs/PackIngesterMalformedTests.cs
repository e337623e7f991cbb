using System.Buffers.Binary;
using Islet.Store.Git;
using Islet.Store.Git.Packs;

namespace Islet.Store.Tests.Packs;

/// <summary>Malformed packs: each is refused with <see cref="GitPackException"/> and leaves the store as it was.</summary>
public sealed class PackIngesterMalformedTests
{
    /// <summary>An id for <see cref="TestPack"/>'s index where the test does not care (the ingester ignores that index).</summary>
    private static readonly GitObjectId s_unused = GitObjectId.Compute(GitObjectType.Blob, "unused"u8);

    private static readonly byte[] s_base = "base contents that the deltas below start from\n"u8.ToArray();

    [Fact]
    public async Task Truncation_at_every_length_is_refused_as_truncated()
    {
        var (pack, _) = PackIngesterTests.SamplePack();
        var store = new MemoryObjectStore();
        for (int length = 0; length < pack.Length; length++)
        {
            var e = await Refused(pack[..length], store);
            Assert.Equal(GitPackError.Truncated, e.Error);
        }
    }

    [Fact]
    public async Task Truncation_into_a_repository_leaves_no_pack_and_no_temporary_file()
    {
        var (pack, _) = PackIngesterTests.SamplePack();
        string git = Path.Combine(ExternalTool.TempDirectory("islet-ingest-"), ".git");
        var database = new GitObjectDatabase(git);
        for (int length = 0; length < pack.Length; length += 7)
        {
            await Assert.ThrowsAsync<GitPackException>(async () => await PackIngester.IngestAsync(new MemoryStream(pack[..length]), database));
            Assert.Empty(Directory.GetFiles(Path.Combine(git, "objects", "pack")));
        }
        pack[^1] ^= 1;
        await Assert.ThrowsAsync<GitPackException>(async () => await PackIngester.IngestAsync(new MemoryStream(pack), database));
        Assert.Empty(Directory.GetFiles(Path.Combine(git, "objects", "pack")));
        Assert.Empty(database.Packs);
    }

    [Fact]
    public async Task A_bad_trailing_checksum_is_refused()
    {
        var (pack, _) = PackIngesterTests.SamplePack();
        pack[^1] ^= 0x40;
        Assert.Equal(GitPackError.ChecksumMismatch, (await Refused(pack)).Error);
    }

    [Theory]
    [InlineData(0, 'X', GitPackError.BadHeader)]
    [InlineData(7, 4, GitPackError.BadHeader)]
    [InlineData(7, 1, GitPackError.BadHeader)]
    public async Task A_bad_magic_or_version_is_refused(int at, int value, GitPackError error)
    {
        var (pack, _) = PackIngesterTests.SamplePack();
        pack[at] = (byte)value;
        TestPack.FixChecksum(pack);
        Assert.Equal(error, (await Refused(pack)).Error);
    }

    [Theory]
    [InlineData(3, GitPackError.ChecksumMismatch)]
    [InlineData(5, null)]
    [InlineData(1000, null)]
    public async Task A_wrong_object_count_is_refused(int count, GitPackError? error)
    {
        var (pack, _) = PackIngesterTests.SamplePack();
        BinaryPrimitives.WriteUInt32BigEndian(pack.AsSpan(8), (uint)count);
        TestPack.FixChecksum(pack);
        var e = await Refused(pack);
        if (error is not null)
            Assert.Equal(error, e.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100_000)]
    public async Task Offset_deltas_must_point_strictly_back_to_an_entry(long distanceFromDelta)
    {
        var pack = new TestPack();
        pack.Add(GitObjectType.Blob, s_base);
        pack.AddEntry(6, 4, TestPack.OfsDistance(distanceFromDelta), TestPack.Compress(TestPack.Delta(s_base.Length, 1, 1, (byte)'x')), s_unused);
        Assert.Equal(GitPackError.BadDeltaBase, (await Refused(pack.Build().Pack)).Error);
    }

    [Fact]
    public async Task A_missing_reference_base_is_refused_even_with_thin_packs_allowed()
    {
        var pack = new TestPack();
        GitObjectId absent = GitObjectId.Compute(GitObjectType.Blob, "nowhere"u8);
        pack.AddRefDelta(absent, TestPack.Delta(7, 1, 1, (byte)'x'), s_unused);
        var e = await Refused(pack.Build().Pack, options: new PackIngestOptions { AllowThin = true });
        Assert.Equal(GitPackError.BadDeltaBase, e.Error);
        Assert.Contains(absent.ToString(), e.Message);
    }

    [Fact]
    public async Task Reference_deltas_that_are_each_others_base_are_refused()
    {
        // Insert-only deltas: each result is known without its base, so each can name the other's id.
        byte[] a = "result a\n"u8.ToArray(), b = "result b, longer\n"u8.ToArray();
        GitObjectId idA = GitObjectId.Compute(GitObjectType.Blob, a), idB = GitObjectId.Compute(GitObjectType.Blob, b);
        var pack = new TestPack();
        pack.AddRefDelta(idB, TestPack.Delta(b.Length, a.Length, [(byte)a.Length, .. a]), idA);
        pack.AddRefDelta(idA, TestPack.Delta(a.Length, b.Length, [(byte)b.Length, .. b]), idB);
        var e = await Refused(pack.Build().Pack, options: new PackIngestOptions { AllowThin = true });
        Assert.Equal(GitPackError.BadDeltaBase, e.Error);
        Assert.Contains("cycle", e.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task A_declared_size_other_than_the_inflated_size_is_refused(int difference)
    {
        var pack = new TestPack();
        pack.AddEntry(3, s_base.Length + difference, [], TestPack.Compress(s_base), s_unused);
        Assert.Equal(GitPackError.BadCompression, (await Refused(pack.Build().Pack)).Error);
    }

    [Fact]
    public async Task A_wrong_adler32_is_refused()
    {
        byte[] data = TestPack.Compress(s_base);
        data[^2] ^= 1;
        var pack = new TestPack();
        pack.AddEntry(3, s_base.Length, [], data, s_unused);
        var e = await Refused(pack.Build().Pack);
        Assert.Equal(GitPackError.BadCompression, e.Error);
        Assert.Contains("Adler-32", e.Message);
    }

    [Fact]
    public async Task A_delta_whose_base_size_disagrees_is_refused()
    {
        var pack = new TestPack();
        long b = pack.Add(GitObjectType.Blob, s_base);
        pack.AddOfsDelta(b, TestPack.Delta(s_base.Length + 1, 1, 1, (byte)'x'), s_unused);
        Assert.Equal(GitPackError.BadDelta, (await Refused(pack.Build().Pack)).Error);
    }

    [Fact]
    public async Task The_same_object_twice_is_refused()
    {
        var pack = new TestPack();
        pack.Add(GitObjectType.Blob, s_base);
        pack.Add(GitObjectType.Blob, s_base);
        Assert.Equal(GitPackError.BadEntry, (await Refused(pack.Build().Pack)).Error);
    }

    [Fact]
    public async Task Every_limit_is_enforced()
    {
        var (pack, _) = PackIngesterTests.SamplePack();
        foreach (var options in new[]
        {
            new PackIngestOptions { MaxObjects = 3 },
            new PackIngestOptions { MaxPackBytes = pack.Length - 1 },
            new PackIngestOptions { MaxObjectSize = 60 },
            new PackIngestOptions { MaxDeltaDepth = 0 },
        })
        {
            Assert.Equal(GitPackError.LimitExceeded, (await Refused(pack, options: options)).Error);
        }
        await PackIngester.IngestAsync(new MemoryStream(pack), new MemoryObjectStore(), new PackIngestOptions { MaxObjects = 4, MaxPackBytes = pack.Length, MaxDeltaDepth = 1 });
    }

    [Fact]
    public async Task A_deep_chain_within_the_limit_resolves_and_one_beyond_it_is_refused()
    {
        var pack = new TestPack();
        long previous = pack.Add(GitObjectType.Blob, s_base);
        byte[] content = s_base;
        for (int i = 0; i < 50; i++)
        {
            byte[] next = [.. content, (byte)('a' + i % 26)];
            previous = pack.AddOfsDelta(previous, TestPack.Delta(content.Length, next.Length, [0x90, (byte)content.Length, 1, next[^1]]), GitObjectId.Compute(GitObjectType.Blob, next));
            content = next;
        }
        byte[] bytes = pack.Build().Pack;
        var store = new MemoryObjectStore();
        await PackIngester.IngestAsync(new MemoryStream(bytes), store, new PackIngestOptions { MaxDeltaDepth = 50, DeltaCacheBytes = 64 });
        Assert.True(store.TryRead(GitObjectId.Compute(GitObjectType.Blob, content), out _, out byte[] read));
        Assert.Equal(content, read);
        Assert.Equal(GitPackError.LimitExceeded, (await Refused(bytes, options: new PackIngestOptions { MaxDeltaDepth = 49 })).Error);
    }

    [Fact]
    public async Task Cancellation_leaves_the_store_unchanged()
    {
        var (pack, _) = PackIngesterTests.SamplePack();
        var store = new MemoryObjectStore();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await PackIngester.IngestAsync(new MemoryStream(pack), store, null, cancelled.Token));
        Assert.Equal((0, 0, 0), store.State);
    }

    /// <summary>Ingests <paramref name="pack"/>, expecting a refusal, and checks the store did not change.</summary>
    internal static async Task<GitPackException> Refused(byte[] pack, MemoryObjectStore? store = null, PackIngestOptions? options = null)
    {
        store ??= new MemoryObjectStore();
        var before = store.State;
        var e = await Assert.ThrowsAsync<GitPackException>(async () => await PackIngester.IngestAsync(new MemoryStream(pack), store, options));
        Assert.Equal(before, store.State);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        return e;
    }
}
