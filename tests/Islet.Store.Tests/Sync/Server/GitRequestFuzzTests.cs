using System.IO.Pipelines;
using System.Text;
using Islet.Events;
using Islet.Http;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Sync.Server;
using Islet.Store.Tests.Git;
using Xunit.Abstractions;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>
/// Seeded mutations of valid upload-pack and receive-pack bodies through Islet.Http's connection and
/// the git handler (in memory, on an event loop): every request gets a response with a 2xx or 4xx
/// status (never a 500 or a dropped connection), and the store stays sound (git fsck, main unmoved).
/// </summary>
public sealed class GitRequestFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 2_000;

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    [ToolFact("git", "git")]
    public void Mutated_upload_pack_and_receive_pack_bodies_get_4xx_or_protocol_errors_and_leave_the_store_sound()
    {
        using var backend = IsletHistory.CreateBare();
        try
        {
            IsletHistory.Populate(backend, 50);
            GitObjectId main = backend.RefStore.Resolve("refs/heads/main")!.Value;
            var registry = new GitRepositoryRegistry();
            GitServedRepository served = registry.Add("store", backend);
            var handler = new GitHttpHandler(registry, new GitServerOptions { MaxObjects = 100_000 });
            byte[] upload = UploadBody(backend, main);
            byte[] receive = ReceiveBody(main);
            var random = new Random(7_000);
            var statuses = new Dictionary<int, int>();
            using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
            loop.Run(async () =>
            {
                for (int i = 0; i < Iterations; i++)
                {
                    foreach ((string service, byte[] body) in new[] { ("git-upload-pack", upload), ("git-receive-pack", receive) })
                    {
                        byte[] mutated = i == 0 ? body : Mutate(body, random);
                        byte[] request = [.. Encoding.ASCII.GetBytes($"POST /store/{service} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-{service}-request\r\nContent-Length: {mutated.Length}\r\n\r\n"), .. mutated];
                        RawHttp.Response response = RawHttp.Parse(await ExchangeAsync(handler, request));
                        Assert.True(response.Status is 200 or 400 or 413, $"{service} iteration {i}: status {response.Status}");
                        statuses[response.Status] = statuses.GetValueOrDefault(response.Status) + 1;
                    }
                }
                return 0;
            });
            output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")) +
                $"; packs sent {served.Statistics.PacksSent}, pushes rejected {served.Statistics.PacksRejected}, refs updated {served.Statistics.RefsUpdated}");
            Assert.Equal(main, backend.RefStore.Resolve("refs/heads/main"));
            Assert.True(statuses.GetValueOrDefault(400) > Iterations / 4, string.Join(", ", statuses));
            Assert.True(statuses.GetValueOrDefault(200) > Iterations / 4, string.Join(", ", statuses));
            Assert.True(served.Statistics.PacksSent >= 1 && served.Statistics.PacksRejected >= 1);
            Assert.NotNull(backend.RefStore.Resolve("refs/heads/fuzz")); // the unmutated push landed
            GitCommandLine.Script(backend.GitDirectory, "git fsck --strict --no-dangling");
        }
        finally
        {
            Directory.Delete(backend.GitDirectory, recursive: true);
        }
    }

    private static async Task<byte[]> ExchangeAsync(IHttpHandler handler, byte[] request)
    {
        var toServer = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var toClient = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var run = new HttpConnection(new DuplexPipe(toServer.Reader, toClient.Writer), handler).RunAsync();
        await toServer.Writer.WriteAsync(request);
        await toServer.Writer.CompleteAsync();
        await run;
        var output = new MemoryStream();
        while (true)
        {
            ReadResult result = await toClient.Reader.ReadAsync();
            foreach (ReadOnlyMemory<byte> segment in result.Buffer) output.Write(segment.Span);
            toClient.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) return output.ToArray();
        }
    }

    private static byte[] UploadBody(DirectoryBackend backend, GitObjectId main)
    {
        var body = new PktBytes().Text($"want {main} multi_ack_detailed side-band-64k ofs-delta no-done agent=fuzz");
        foreach (var reference in backend.RefStore.List("refs/tags/")) body.Text($"want {reference.Value.Id}");
        body.Flush();
        var commit = (GitCommit)backend.Database.TryReadObject(main)!;
        return body.Text($"have {commit.Parents[0]}").Text($"have {new string('5', 40)}").Text("done").ToArray();
    }

    /// <summary>A push of one new commit (with its tree and blob) to refs/heads/fuzz.</summary>
    private static byte[] ReceiveBody(GitObjectId main)
    {
        var blob = new GitBlob("fuzzed\n"u8);
        var tree = new GitTree([new GitTreeEntry(GitTreeEntry.RegularFile, "f", blob.ComputeId())]);
        var who = new GitSignature("Fuzz", "fuzz@example.org", 1_900_000_000, "+0000");
        var commit = new GitCommit(tree.ComputeId(), [main], who, who, "fuzz\n");
        var writer = new PackWriter();
        writer.Add(blob);
        writer.Add(tree);
        writer.Add(commit);
        var pack = new MemoryStream();
        writer.WriteToAsync(pack).AsTask().GetAwaiter().GetResult();
        return new PktBytes().Text($"{new string('0', 40)} {commit.ComputeId()} refs/heads/fuzz\0report-status side-band-64k ofs-delta").Flush().Raw(pack.ToArray()).ToArray();
    }

    /// <summary>One to four edits: flipped bytes, a truncation, inserted random bytes, a damaged pkt-line length.</summary>
    private static byte[] Mutate(byte[] body, Random random)
    {
        var bytes = new List<byte>(body);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 9)).Select(_ => (byte)random.Next(256))); break;
                case 3: bytes[at] = (byte)"0123456789abcdefzF"[random.Next(18)]; break;
                default: bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at)); break;
            }
        }
        return [.. bytes];
    }
}
