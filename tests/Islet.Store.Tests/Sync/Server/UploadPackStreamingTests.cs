using Islet.Events;
using Islet.Platform.Unix;
using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Sync.Server;
using Islet.Store.Sync.Server.Internal;
using Islet.Store.Tests.Backends;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>
/// upload-pack on the event loop: the pack is written in chunks while its objects are still being
/// read (it is never built whole), and between chunks other work on the loop runs. Deterministic:
/// one loop thread, the response into memory, no clock.
/// </summary>
public sealed class UploadPackStreamingTests
{
    [Fact]
    public async Task A_clone_is_written_in_chunks_as_its_objects_are_read_while_other_work_on_the_loop_goes_on()
    {
        using var memory = new MemoryBackend();
        var counting = new CountingBackend(memory);
        var store = new Store<byte[]>(memory, ContentTypes.Bytes);
        var random = new Random(5);
        // 400 commits of a 2 KiB random (incompressible) blob each: about 1 MB of pack, many 64 KiB chunks.
        GitObjectId head = store.CommitMany("main", Enumerable.Range(0, 400).Select(i =>
            (Info($"c {i}", i), (Action<StoreTransaction<byte[]>>)(t => t.Set($"d{i % 20}/f{i}", RandomBytes(random, 2048))))))!.Value;
        int objects = memory.Objects.EnumerateIds().Count();

        var repository = new GitServedRepository("r", counting, GitRepositoryPolicy.Default);
        var options = new GitServerOptions();
        byte[] body = new PktBytes().Text($"want {head} side-band-64k ofs-delta").Flush().Text("done").ToArray();
        var response = new RecordingStream(() => counting.Reads);
        int ticks = 0;
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        loop.Run(async () =>
        {
            UploadPackRequest request = await UploadPackRequest.ReadAsync(new MemoryStream(body), GitHashAlgorithm.Sha1, options, CancellationToken.None);
            bool done = false;
            async Task Ticker()
            {
                while (!done)
                {
                    ticks++;
                    await Task.Yield();
                }
            }
            Task ticker = Ticker();
            await new UploadPackService(repository, options).ServeAsync(request, new PktLineStreamWriter(response), CancellationToken.None);
            done = true;
            await ticker;
            return 0;
        });

        int readsInAll = counting.Reads;
        Assert.True(response.Writes.Count >= 10, $"{response.Writes.Count} writes");
        // Streaming: the pack reads each object once more as it writes it (after the walk that planned
        // it), and its first chunk left while more than half of those reads were still to come.
        (long firstBytes, int readsAtFirst) = response.Writes.First(w => w.Bytes > 4096);
        Assert.True(readsInAll - readsAtFirst > objects / 2, $"the first {firstBytes} bytes left after {readsAtFirst} of {readsInAll} reads, for {objects} objects");
        // Sharing: the other task on the loop ran between the chunks (once per yield), not only before and after.
        Assert.True(ticks >= response.Writes.Count / 2, $"{ticks} turns of the other task for {response.Writes.Count} writes");
        Assert.Equal(objects, repository.Statistics.LastPackObjects);

        // And the stream is a whole, valid pack of every object: index it into an empty store.
        byte[] pack = SideBandChannel1(response.ToArray());
        using var clone = new MemoryBackend();
        PackIngestResult result = await PackIngester.IngestAsync(new MemoryStream(pack), clone.Objects);
        Assert.Equal(objects, result.ObjectCount);
        Assert.All(memory.Objects.EnumerateIds(), id => Assert.True(clone.Objects.Contains(id)));
        Assert.Equal(repository.Statistics.PackBytesSent, pack.Length);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The bytes of side-band channel 1 in a pkt-line response (NAK and flushes skipped).</summary>
    private static byte[] SideBandChannel1(byte[] response)
    {
        var data = new MemoryStream();
        int position = 0;
        while (position + 4 <= response.Length)
        {
            int length = Convert.ToInt32(System.Text.Encoding.ASCII.GetString(response, position, 4), 16);
            if (length == 0)
            {
                position += 4;
                continue;
            }
            if (response[position + 4] == 1)
                data.Write(response, position + 5, length - 5);
            position += length;
        }
        Assert.Equal(response.Length, position);
        return data.ToArray();
    }

    /// <summary>A memory stream that records, for each write, the bytes written and how many object reads had happened by then.</summary>
    private sealed class RecordingStream(Func<int> reads) : MemoryStream
    {
        public List<(long Bytes, int Reads)> Writes { get; } = [];

        public override void Write(byte[] buffer, int offset, int count)
        {
            base.Write(buffer, offset, count);
            Writes.Add((Length, reads()));
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return default;
        }
    }

    /// <summary>A backend whose object reads are counted.</summary>
    private sealed class CountingBackend(IStoreBackend inner) : WrappingBackend(inner)
    {
        public int Reads { get; private set; }

        public override bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content)
        {
            Reads++;
            return base.TryRead(id, out type, out content);
        }
    }
}
