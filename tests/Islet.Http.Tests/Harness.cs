using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Islet.Events;

namespace Islet.Http.Tests;

internal sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;
    public PipeWriter Output { get; } = output;
}

/// <summary>Counts flushes, to check one flush per batch of pipelined requests.</summary>
internal sealed class CountingPipeWriter(PipeWriter inner) : PipeWriter
{
    public int Flushes { get; private set; }
    public override void Advance(int bytes) => inner.Advance(bytes);
    public override void CancelPendingFlush() => inner.CancelPendingFlush();
    public override void Complete(Exception? exception = null) => inner.Complete(exception);
    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);
    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Flushes++;
        return inner.FlushAsync(cancellationToken);
    }
}

/// <summary>A client end and a server end over two in-memory pipes.</summary>
internal sealed class PipePair
{
    public Pipe ToServer { get; } = new(new PipeOptions(pauseWriterThreshold: 0));
    public Pipe ToClient { get; } = new(new PipeOptions(pauseWriterThreshold: 0));
    public CountingPipeWriter ServerOutput { get; }
    public IDuplexPipe Server { get; }

    public PipePair()
    {
        ServerOutput = new CountingPipeWriter(ToClient.Writer);
        Server = new DuplexPipe(ToServer.Reader, ServerOutput);
    }

    public async Task SendAsync(string text) => await ToServer.Writer.WriteAsync(Encoding.Latin1.GetBytes(text));

    public async Task<byte[]> ReadAllAsync()
    {
        var output = new MemoryStream();
        while (true)
        {
            var result = await ToClient.Reader.ReadAsync();
            foreach (var segment in result.Buffer) output.Write(segment.Span);
            ToClient.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) return output.ToArray();
        }
    }
}

internal static class Harness
{
    public static T OnLoop<T>(Func<Task<T>> body)
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        return loop.Run(body);
    }

    /// <summary>Sends <paramref name="request"/> (then ends the input unless told not to) and returns everything the server wrote.</summary>
    public static async Task<byte[]> ExchangeAsync(byte[] request, IHttpHandler handler, HttpServerOptions? options = null, bool endInput = true)
    {
        var pair = new PipePair();
        var run = new HttpConnection(pair.Server, handler, options).RunAsync();
        await pair.ToServer.Writer.WriteAsync(request);
        if (endInput) await pair.ToServer.Writer.CompleteAsync();
        await run;
        return await pair.ReadAllAsync();
    }

    public static List<ParsedResponse> Exchange(string request, IHttpHandler? handler = null, HttpServerOptions? options = null, bool endInput = true) =>
        OnLoop(async () => ResponseChecker.Parse(await ExchangeAsync(Encoding.Latin1.GetBytes(request), handler ?? new EchoHandler(), options, endInput), HeadFlags(request)));

    /// <summary>Which requests are HEAD, by a rough look at request lines (good enough for hand-written tests).</summary>
    public static List<bool> HeadFlags(string requests) =>
        requests.Split("\r\n").Where(l => l.Contains(" HTTP/1.")).Select(l => l.StartsWith("HEAD ", StringComparison.Ordinal)).ToList();
}

/// <summary>Answers 200 with "METHOD path" as the body.</summary>
internal sealed class EchoHandler : IHttpHandler
{
    public List<string> Seen { get; } = [];

    public ValueTask HandleAsync(HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        var text = Encoding.Latin1.GetString(request.MethodName) + " " + Encoding.Latin1.GetString(request.Target);
        Seen.Add(text);
        var body = Encoding.Latin1.GetBytes(text);
        response.StartHead(200);
        response.AddHeader("Content-Type"u8, "text/plain"u8);
        response.EndHead(body.Length);
        response.WriteBody(body);
        return default;
    }
}
