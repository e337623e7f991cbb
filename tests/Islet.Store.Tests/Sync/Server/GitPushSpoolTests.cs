using Islet.Dns.Tests.Persistence;
using Islet.Http;
using Islet.Store.Backends.BlockDevice;
using Islet.Store.Git;
using Islet.Store.Sync.Server;
using Islet.Store.Sync.Server.Internal;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>
/// Where receive-pack keeps a pushed pack (<see cref="GitServerOptions.PushSpool"/>): in memory, as a
/// sealed image with no filesystem needs, into the block-device backend such an image uses.
/// </summary>
public sealed class GitPushSpoolTests : IDisposable
{
    private readonly string _work = ExternalTool.TempDirectory("islet-spool-");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [ToolFact("git", "git")]
    public void A_chunked_push_spooled_in_memory_lands_in_a_block_device_store_and_survives_reopening()
    {
        var device = new MemoryBlockDevice(512, 64 * 1024);
        using BlockDeviceBackend backend = BlockDeviceBackend.FormatAsync(device, GitHashAlgorithm.Sha1, new BlockDeviceStoreOptions { DeferObjectWrites = true }).AsTask().GetAwaiter().GetResult();
        backend.Refs.SetSymbolic("HEAD", "refs/heads/main");
        var registry = new GitRepositoryRegistry();
        GitServedRepository served = registry.Add("store", backend);
        string tip;
        using (var server = new GitServerHarness(registry, new GitServerOptions { PushSpool = GitPushSpool.Memory }))
        {
            // About 200 KB of pack over a 4 KiB post buffer: git sends it chunked, the spool grows past several chunks.
            tip = GitCommandLine.Script(_work, $"""
                git init -q -b main local && cd local
                git config user.name P && git config user.email p@example.org
                for i in $(seq 1 30); do head -c 6000 /dev/urandom | base64 > f$i && git add f$i && git commit -q -m c$i; done
                git -c http.postBuffer=4096 push -q {server.Url("store")} main
                cd .. && git clone -q {server.Url("store")} back && git -C back fsck --strict --no-dangling
                git -C back rev-parse HEAD
                """).Trim();
            Assert.Equal(GitCommandLine.Script(_work, "git -C local rev-parse main").Trim(), tip);
            Assert.Equal(1, server.OnLoop(() => served.Statistics.PushesSpooledInMemory));
        }
        using BlockDeviceBackend reopened = BlockDeviceBackend.OpenAsync(device).AsTask().GetAwaiter().GetResult();
        Assert.Equal(tip, reopened.Refs.Resolve("refs/heads/main")?.ToString());
    }

    [ToolFact("git", "git")]
    public void A_push_over_the_body_limit_spooled_in_memory_is_refused_and_changes_nothing()
    {
        var device = new MemoryBlockDevice(512, 16 * 1024);
        using BlockDeviceBackend backend = BlockDeviceBackend.FormatAsync(device).AsTask().GetAwaiter().GetResult();
        var registry = new GitRepositoryRegistry();
        registry.Add("store", backend);
        using var server = new GitServerHarness(registry, new GitServerOptions { PushSpool = GitPushSpool.Memory },
            new HttpServerOptions { MaxRequestBodySize = 64 * 1024 });
        string output = GitCommandLine.Script(_work, $"""
            git init -q -b main big && cd big
            git config user.name P && git config user.email p@example.org
            head -c 300000 /dev/urandom > noise && git add noise && git commit -q -m noise
            git -c http.postBuffer=8192 push {server.Url("store")} main 2>&1 || echo "push failed"
            """);
        Assert.Contains("push failed", output);
        Assert.Null(server.OnLoop(() => backend.Refs.Resolve("refs/heads/main")));
        Assert.Equal(1UL, server.OnLoop(() => backend.Generation));
    }

    [Theory]
    [InlineData(GitPushSpool.Memory, true)]
    [InlineData(GitPushSpool.TemporaryFile, false)]
    [InlineData(GitPushSpool.Automatic, false)]
    public async Task Each_spool_gives_back_every_byte_to_mixed_synchronous_and_asynchronous_reads(GitPushSpool mode, bool inMemory)
    {
        byte[] pack = new byte[200_003];
        new Random(7).NextBytes(pack);
        await using Stream spooled = await PackSpool.SpoolAsync(new TrickleStream(pack), mode, CancellationToken.None);
        Assert.Equal(inMemory, spooled is SpooledPack);
        var back = new MemoryStream();
        byte[] buffer = new byte[70_001];
        for (int i = 0; ; i++)
        {
            int read = i % 2 == 0 ? spooled.Read(buffer, 0, buffer.Length - i) : await spooled.ReadAsync(buffer.AsMemory(0, 1000 + i));
            if (read == 0) break;
            back.Write(buffer, 0, read);
        }
        Assert.Equal(pack, back.ToArray());
    }

    /// <summary>An asynchronous-only source that hands out odd-sized pieces, as a chunked request body does.</summary>
    private sealed class TrickleStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            int take = Math.Min(Math.Min(buffer.Length, 4093), data.Length - _position);
            data.AsMemory(_position, take).CopyTo(buffer);
            _position += take;
            return take;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
